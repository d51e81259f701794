// The reason modals' submissions (Reject, Reverse): a blank reason is answered next to the field
// before any use-case runs; otherwise one use-case decides in one transaction. A refusal is
// answered next to the field and changes nothing; a decision closes the modal and its messages
// are updated after the ack.
import type { App } from '@slack/bolt';
import { decideWithReason, type ReasonAction } from '../../app/decision-clicks.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { describeAppError } from '../../domain/request-errors.ts';
import type { SlackDeps } from '../deps.ts';
import { afterDecision, homeIfFromHome, refusalOf } from '../flows/decision-response.ts';
import { ids } from '../ids.ts';
import { parseReasonSubmission, type ReasonSubmission } from '../parse/approval.ts';

const REASON_REQUIRED = describeAppError({ kind: 'reason_required' }, '');

const MODALS: readonly { readonly callbackId: string; readonly action: ReasonAction }[] = [
  { callbackId: ids.approval.rejectModal, action: 'reject' },
  { callbackId: ids.approval.reverseModal, action: 'reverse' },
];

export function registerReasonModals(app: App, deps: SlackDeps): void {
  for (const { callbackId, action } of MODALS) {
    app.view(callbackId, async ({ ack, body, client }) => {
      const s = parseReasonSubmission(body);
      if (s.reason === '') {
        await ack(reasonErrors(REASON_REQUIRED));
        return;
      }
      const { requestId } = s.metadata;
      const outcome = await whenUnlocked(
        () =>
          decideWithReason(deps, {
            action,
            requestId,
            by: s.userId,
            reason: s.reason,
            ...slackRefOf(s),
            home: homeIfFromHome(deps, s.userId, s.metadata.fromHome === true),
          }),
        BEFORE_ACK_BUSY_BUDGET_MS,
      );
      const refusal = refusalOf(outcome);
      if (refusal !== null) {
        const text = outcome.refused?.kind === 'reason_required' ? REASON_REQUIRED : refusal;
        await ack(reasonErrors(text));
        return;
      }
      await ack();
      await afterDecision(client, deps, requestId, s.userId, outcome);
    });
  }
}

function reasonErrors(message: string) {
  return {
    response_action: 'errors' as const,
    errors: { [ids.approval.reasonBlock]: message },
  };
}

function slackRefOf(s: ReasonSubmission): { slack?: { channel: string; ts: string } } {
  const { channel, ts } = s.metadata;
  return channel === undefined || ts === undefined ? {} : { slack: { channel, ts } };
}
