// A bare `/writeoff`: the modal opens at once with a loading view, then one use-case creates the
// draft and reads what the first step shows.
import { startManualDraft } from '../../app/drafts.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import { describeAppError } from '../../domain/request-errors.ts';
import type { SlackDeps } from '../deps.ts';
import type { SubcommandHandler } from '../flows/command.ts';
import { openWithLoading } from '../flows/modal-loading.ts';
import { encodeDraftMetadata } from '../parse/manual-metadata.ts';
import { manualMessageView } from '../views/manual-common.ts';
import { manualFormView } from '../views/manual-form.ts';
import { formViewModel } from '../views/manual-models.ts';

export function openSubcommand(deps: SlackDeps): SubcommandHandler {
  return async ({ ack, body, client }) => {
    await ack();
    await openWithLoading(client, body.trigger_id, async (viewId) => {
      const form = await whenUnlocked(() =>
        startManualDraft(deps, { userId: body.user_id, channelId: body.channel_id, viewId }),
      );
      return form.ok
        ? manualFormView(formViewModel(form.value, encodeDraftMetadata(form.value.draftId)))
        : manualMessageView(describeAppError(form.error, ''));
    });
  };
}
