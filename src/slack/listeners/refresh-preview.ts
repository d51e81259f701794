// "Edit and resubmit" (rejected or stale request, DM and App Home) and the older "Open a fresh
// preview" (stale DM): the modal opens at once with a loading view (trigger ids live 3 s), then
// one use-case makes a new draft from the request at today's balances, which revises it, and
// its invoice step is swapped in (ADR 053) — or, for an automatic run, its criteria form,
// prefilled (ADR 256).
import type { App, BlockButtonAction } from '@slack/bolt';
import { startRefreshDraft } from '../../app/refresh-draft.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import { describeAppError } from '../../domain/request-errors.ts';
import type { SlackDeps } from '../deps.ts';
import { criteriaView } from '../flows/auto-run.ts';
import { manualStepView } from '../flows/manual-steps.ts';
import { openWithLoading } from '../flows/modal-loading.ts';
import { ids } from '../ids.ts';
import { parseDecisionClick } from '../parse/approval.ts';
import { manualMessageView } from '../views/manual-common.ts';

export function registerRefreshPreview(app: App, deps: SlackDeps): void {
  for (const actionId of [ids.approval.refreshPreviewAction, ids.approval.resubmitAction]) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, client }) => {
      await ack();
      const click = parseDecisionClick(body);
      const channelId = click.surface.kind === 'message' ? click.surface.channel : click.userId;
      await openWithLoading(client, body.trigger_id, async (viewId) => {
        const draft = await whenUnlocked(() =>
          startRefreshDraft(deps, {
            requestId: click.requestId,
            userId: click.userId,
            channelId,
            viewId,
          }),
        );
        if (!draft.ok) return manualMessageView(describeAppError(draft.error, ''));
        const step = draft.value;
        return step.kind === 'criteria' || step.kind === 'no_ledger'
          ? criteriaView(step)
          : manualStepView(step);
      });
    });
  }
}
