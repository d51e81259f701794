// "New write-off" on the App Home tab opens the manual write-off modal outside `/writeoff`.
// Like `/writeoff`, the modal opens at once with a loading view (trigger ids live 3 s), then one
// use-case creates the draft and its first step is swapped in.
import type { App, BlockButtonAction } from '@slack/bolt';
import { startManualDraft } from '../../app/drafts.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import { describeAppError } from '../../domain/request-errors.ts';
import type { SlackDeps } from '../deps.ts';
import { openWithLoading } from '../flows/modal-loading.ts';
import { ids } from '../ids.ts';
import { encodeDraftMetadata } from '../parse/manual-metadata.ts';
import { manualMessageView } from '../views/manual-common.ts';
import { manualFormView } from '../views/manual-form.ts';
import { formViewModel } from '../views/manual-models.ts';

export function registerNewWriteOffButton(app: App, deps: SlackDeps): void {
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
}
