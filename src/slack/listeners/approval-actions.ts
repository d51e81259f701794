// The decision buttons (thread reply and App Home). Approve acknowledges at once, then runs the
// approve-and-post use-case (one transaction: status, second person, role, limit, balances as
// previewed) and delivers what it queued. Reject opens the reason modal (openReasonModal, shared
// with Reverse). A click that changes nothing — a double click, a retry, a second process — is
// told so, ephemerally.
import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import { approveRequest } from '../../app/approve-request.ts';
import { rejectRequest } from '../../app/decide-request.ts';
import { canReject } from '../../app/decision-precheck.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { afterDecision, tellClicker } from '../flows/decision-response.ts';
import { currencyOf, openReasonModal, registerReasonModal } from '../flows/reason-modal.ts';
import { ids } from '../ids.ts';
import { type DecisionClick, parseDecisionClick } from '../parse/approval.ts';
import { relatedAcknowledged } from '../parse/split-ack.ts';
import { rejectReasonModal } from '../views/approval-modals.ts';
import { refusalText } from '../views/approval-notices.ts';

export function registerApprovalActions(app: App, deps: SlackDeps): void {
  registerReasonModal(app, deps, ids.approval.rejectModal, rejectRequest);
  app.action<BlockButtonAction>(ids.approval.approveAction, async ({ ack, body, client }) => {
    await ack();
    const click = parseDecisionClick(body);
    await approve(client, deps, click, relatedAcknowledged(body, click.requestId));
  });
  // Ticking the split-detection checkbox changes nothing yet: Approve reads it from the state.
  app.action(ids.split.ackAction, async ({ ack }) => {
    await ack();
  });
  app.action<BlockButtonAction>(ids.approval.rejectAction, async ({ ack, body, client }) => {
    await ack();
    await openReasonModal(client, deps, parseDecisionClick(body), {
      precheck: canReject,
      unavailableText: 'This request cannot be rejected from here.',
      modal: rejectReasonModal,
    });
  });
}

async function approve(
  client: webApi.WebClient,
  deps: SlackDeps,
  click: DecisionClick,
  acknowledgedRelated: boolean,
) {
  const s = click.surface;
  const result = await whenUnlocked(() =>
    approveRequest(deps, {
      requestId: click.requestId,
      approver: click.userId,
      acknowledgedRelated,
      ...(s.kind === 'message' ? { slack: { channel: s.channel, ts: s.ts } } : {}),
    }),
  );
  // Posted, stale and escalated outcomes all queued notifications; deliver them before the
  // clicker hears anything, so the thread already shows the outcome.
  await afterDecision(client, deps, {
    requestId: click.requestId,
    userId: click.userId,
    fromHome: s.kind === 'home',
  });
  if (result.ok) return;
  await tellClicker(client, s, click.userId, refusalText(result.error, currencyOf(deps, click)));
}
