// The decision buttons (thread reply and App Home). Approve acknowledges at once, then runs the
// approve-and-post use-case (one transaction: status, second person, role, limit, balances as
// previewed) and delivers what it queued. Reject opens the reason modal (openReasonModal, shared
// with Reverse). A click that changes nothing — a double click, a retry, a second process — is
// told so, ephemerally.
import type { App, BlockButtonAction, types, webApi } from '@slack/bolt';
import { approveRequest } from '../../app/approve-request.ts';
import { canReject } from '../../app/decision-precheck.ts';
import type { AppError } from '../../app/deps.ts';
import { getRequestView } from '../../app/request-views.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { ids } from '../ids.ts';
import { type DecisionClick, parseDecisionClick, reasonMetadata } from '../parse/approval.ts';
import { type RequestCard, requestCard } from '../views/approval-card.ts';
import { rejectReasonModal } from '../views/approval-modals.ts';
import { refusalText } from '../views/approval-notices.ts';
import { afterDecision, tellClicker } from './approval-respond.ts';

export function registerApprovalActions(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.approval.approveAction, async ({ ack, body, client }) => {
    await ack();
    await approve(client, deps, parseDecisionClick(body));
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

async function approve(client: webApi.WebClient, deps: SlackDeps, click: DecisionClick) {
  const s = click.surface;
  const result = await whenUnlocked(() =>
    approveRequest(deps, {
      requestId: click.requestId,
      approver: click.userId,
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

/** What differs between the buttons that ask for a reason first (Reject, Reverse). */
export interface ReasonButton {
  readonly precheck: (deps: SlackDeps, requestId: string, userId: string) => AppError | undefined;
  /** Told to the clicker when the modal cannot open although nothing refused (no request…). */
  readonly unavailableText: string;
  readonly modal: (card: RequestCard, privateMetadata: string) => types.ModalView;
}

/** A refused click is told why; otherwise the reason modal opens on the click's trigger. */
export async function openReasonModal(
  client: webApi.WebClient,
  deps: SlackDeps,
  click: DecisionClick,
  button: ReasonButton,
): Promise<void> {
  const refused = button.precheck(deps, click.requestId, click.userId);
  const view = getRequestView(deps, click.requestId);
  if (refused !== undefined || view === null || click.triggerId === undefined) {
    const text =
      refused === undefined
        ? button.unavailableText
        : refusalText(refused, currencyOf(deps, click));
    await tellClicker(client, click.surface, click.userId, text);
    return;
  }
  await client.views.open({
    trigger_id: click.triggerId,
    view: button.modal(requestCard(view), reasonMetadata(click)),
  });
}

export function currencyOf(deps: SlackDeps, click: { readonly requestId: string }): string {
  return getRequestView(deps, click.requestId)?.currency ?? 'USD';
}
