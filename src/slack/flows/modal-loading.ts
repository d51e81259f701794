// Opening a write-off modal from a trigger: the modal opens at once with a loading view (trigger
// ids are single-use and live 3 s), then the content the use-case produced is swapped in.
import type { webApi } from '@slack/bolt';
import { type ModalView, manualLoadingView } from '../views/manual-common.ts';

export async function openWithLoading(
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
