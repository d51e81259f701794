// Delegation from Slack (docs/write-off-rules.md#delegation): "Set a delegate" (App Home, the
// roles modal, or `/writeoff roles` for an approver who is not an admin) opens the modal; its
// submission runs the one delegation use-case and answers with the updated list or the field
// that is wrong.
import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import { type DelegationField, delegationOverview, setDelegation } from '../../app/delegation.ts';
import { describeAppError } from '../../app/deps.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { mentionUser } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { ids } from '../ids.ts';
import { parseDelegateSubmission } from '../parse/delegate.ts';
import { type DelegateModel, delegateModal } from '../views/delegate.ts';

const BLOCK_OF: Record<DelegationField, string> = {
  approver: ids.delegate.approverBlock,
  delegate: ids.delegate.delegateBlock,
  from: ids.delegate.fromBlock,
  until: ids.delegate.untilBlock,
};

export function delegateModel(deps: SlackDeps, approver: string, notice?: string): DelegateModel {
  const overview = delegationOverview(deps);
  return {
    approver,
    today: overview.today,
    current: overview.current.map((d) => ({
      approver: d.approver,
      delegate: d.delegate,
      from: d.fromOn,
      until: d.untilOn,
    })),
    ...(notice === undefined ? {} : { notice }),
  };
}

/** Opens the modal (pushed on top when clicked inside another modal). */
export async function openDelegateModal(
  client: webApi.WebClient,
  deps: SlackDeps,
  input: { readonly userId: string; readonly triggerId: string; readonly inModal: boolean },
): Promise<void> {
  const view = delegateModal(delegateModel(deps, input.userId));
  if (input.inModal) await client.views.push({ trigger_id: input.triggerId, view });
  else await client.views.open({ trigger_id: input.triggerId, view });
}

export function registerDelegate(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.delegate.openAction, async ({ ack, body, client }) => {
    await ack();
    await openDelegateModal(client, deps, {
      userId: body.user.id,
      triggerId: body.trigger_id,
      inModal: body.view?.type === 'modal',
    });
  });
  app.view(ids.delegate.modal, async ({ ack, body }) => {
    const submission = parseDelegateSubmission(body);
    const result = await whenUnlocked(
      () => setDelegation(deps, submission),
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
      view: delegateModal(delegateModel(deps, submission.by, notice)),
    });
  });
}
