// The "Reject recovery" modal submitted (docs/write-off-rules.md#recovery): a blank reason is
// answered next to the field before any use-case runs; otherwise one use-case rejects the
// proposal in one transaction. A refusal is answered next to the field and changes nothing;
// a rejection closes the modal, and the thread note and the requester's DM are delivered.
import type { App } from '@slack/bolt';
import { rejectRecovery } from '../../app/recovery-reject.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { describeAppError } from '../../domain/request-errors.ts';
import type { SlackDeps } from '../deps.ts';
import { ids } from '../ids.ts';
import { parseReasonSubmission } from '../parse/approval.ts';
import { refusalText } from '../views/approval-notices.ts';

const REASON_REQUIRED = describeAppError({ kind: 'reason_required' }, '');

export function registerRecoveryReject(app: App, deps: SlackDeps): void {
  app.view(ids.recovery.rejectModal, async ({ ack, body }) => {
    const s = parseReasonSubmission(body);
    if (s.reason === '') {
      await ack(reasonErrors(REASON_REQUIRED));
      return;
    }
    const { channel, ts } = s.metadata;
    const result = await whenUnlocked(
      () =>
        rejectRecovery(deps, {
          recoveryId: s.metadata.requestId,
          by: s.userId,
          reason: s.reason,
          ...(channel === undefined || ts === undefined ? {} : { slack: { channel, ts } }),
        }),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (!result.ok) {
      await ack(reasonErrors(refusalText(result.error, '')));
      return;
    }
    await ack();
    await deps.notifications.deliverFor(result.value.requestId);
  });
}

function reasonErrors(message: string) {
  return {
    response_action: 'errors' as const,
    errors: { [ids.approval.reasonBlock]: message },
  };
}
