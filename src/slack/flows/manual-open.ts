// `/writeoff` with no sub-command: open the modal at once with a loading view (the trigger id
// is single-use and lives 3 s), then create the draft and swap in the first step.
import { describeAppError } from '../../app/deps.ts';
import { startManualDraft } from '../../app/drafts.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { encodeDraftMetadata } from '../parse/manual-metadata.ts';
import { manualLoadingView, manualMessageView } from '../views/manual-common.ts';
import { manualFormView } from '../views/manual-form.ts';
import { formViewModel } from '../views/manual-models.ts';
import type { CommandArgs } from './command.ts';

export async function openManualForm(args: CommandArgs, deps: SlackDeps): Promise<void> {
  const { ack, body, client } = args;
  await ack();
  const opened = await client.views.open({
    trigger_id: body.trigger_id,
    view: manualLoadingView(),
  });
  const viewId = opened.view?.id;
  if (viewId === undefined) throw new Error('views.open returned no view id');
  const form = await whenUnlocked(() =>
    startManualDraft(deps, { userId: body.user_id, channelId: body.channel_id, viewId }),
  );
  const view = form.ok
    ? manualFormView(formViewModel(form.value, encodeDraftMetadata(form.value.draftId)))
    : manualMessageView(describeAppError(form.error, ''));
  await client.views.update({
    view_id: viewId,
    ...(opened.view?.hash === undefined ? {} : { hash: opened.view.hash }),
    view,
  });
}
