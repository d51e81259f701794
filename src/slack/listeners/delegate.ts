// Delegation from Slack (docs/write-off-rules.md#delegation): the delegation modal's submission
// runs one use-case (the change and the updated list, in one transaction) and answers with the
// list or the field that is wrong. "Set a delegate" opens it (delegate-open.ts, and
// roles-command.ts for an approver who is not an admin).
import type { App } from '@slack/bolt';
import { type DelegationField, setDelegationFromModal } from '../../app/delegation.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { describeAppError } from '../../domain/request-errors.ts';
import { mentionUser } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { delegateModel } from '../flows/delegate-modal.ts';
import { ids } from '../ids.ts';
import { parseDelegateSubmission } from '../parse/delegate.ts';
import { delegateModal } from '../views/delegate.ts';
import { UNREADABLE_FORM } from '../views/unreadable-form.ts';

const BLOCK_OF: Record<DelegationField, string> = {
  approver: ids.delegate.approverBlock,
  delegate: ids.delegate.delegateBlock,
  from: ids.delegate.fromBlock,
  until: ids.delegate.untilBlock,
};

export function registerDelegate(app: App, deps: SlackDeps): void {
  app.view(ids.delegate.modal, async ({ ack, body }) => {
    const submission = parseDelegateSubmission(body);
    if (submission === undefined) {
      await ack({
        response_action: 'errors',
        errors: { [ids.delegate.approverBlock]: UNREADABLE_FORM },
      });
      return;
    }
    const result = await whenUnlocked(
      () => setDelegationFromModal(deps, submission),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (!result.ok) {
      const e = result.error;
      const block =
        e.kind === 'invalid_input' && e.field in BLOCK_OF
          ? BLOCK_OF[e.field as DelegationField]
          : ids.delegate.approverBlock;
      await ack({ response_action: 'errors', errors: { [block]: describeAppError(e, 'USD') } });
      return;
    }
    const s = submission;
    const notice = `${mentionUser(s.delegate)} stands in for ${mentionUser(s.approver)} from ${s.fromOn} until ${s.untilOn}.`;
    await ack({
      response_action: 'update',
      view: delegateModal(delegateModel(result.value, submission.by, notice)),
    });
  });
}
