// Buttons that open the manual write-off modal outside `/writeoff`: "New write-off" on the App
// Home tab, and "Edit and resubmit" / "Open a fresh preview" for a rejected or stale request. Like `/writeoff`, the
// modal opens at once with a loading view (trigger ids live 3 s), then the draft's step is
// swapped in.
import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import { describeAppError } from '../../app/deps.ts';
import { startManualDraft } from '../../app/drafts.ts';
import { startRefreshDraft } from '../../app/refresh-draft.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { manualStepView } from '../flows/manual-steps.ts';
import { ids } from '../ids.ts';
import { parseDecisionClick } from '../parse/approval.ts';
import { encodeDraftMetadata } from '../parse/manual-metadata.ts';
import { type ModalView, manualLoadingView, manualMessageView } from '../views/manual-common.ts';
import { manualFormView } from '../views/manual-form.ts';
import { formViewModel } from '../views/manual-models.ts';

export function registerNewWriteOffButtons(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.home.newWriteOffAction, async ({ ack, body, client }) => {
    await ack();
    const userId = body.user.id;
    await openWithLoading(client, body.trigger_id, async (viewId) => {
      // From Home there is no channel: confirmations go to the user's DM with the app.
      const form = await whenUnlocked(() =>
        startManualDraft(deps, { userId, channelId: userId, viewId }),
      );
      return form.ok
        ? manualFormView(formViewModel(form.value, encodeDraftMetadata(form.value.draftId)))
        : manualMessageView(describeAppError(form.error, ''));
    });
  });

  // "Edit and resubmit" (rejected or stale, DM and App Home) and the older "Open a fresh
  // preview" (stale DM) open the same prefilled draft, which revises the request.
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
        return draft.ok
          ? manualStepView(draft.value)
          : manualMessageView(describeAppError(draft.error, ''));
      });
    });
  }
}

async function openWithLoading(
  client: webApi.WebClient,
  triggerId: string,
  /** Gets the id of the modal just opened, to bind the draft to it. */
  render: (viewId: string) => Promise<ModalView>,
): Promise<void> {
  const opened = await client.views.open({ trigger_id: triggerId, view: manualLoadingView() });
  const viewId = opened.view?.id;
  if (viewId === undefined) throw new Error('views.open returned no view id');
  await client.views.update({
    view_id: viewId,
    ...(opened.view?.hash === undefined ? {} : { hash: opened.view.hash }),
    view: await render(viewId),
  });
}
