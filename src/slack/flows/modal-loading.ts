// Opening a write-off modal from a trigger: the modal opens at once with a loading view (trigger
// ids are single-use and live 3 s), then the content the use-case produced is swapped in.
import type { webApi } from '@slack/bolt';
import { type ModalView, manualLoadingView } from '../views/manual-common.ts';

/**
 * A view as the JSON text the Web API call carries. The calls are form-encoded and `view` goes
 * as a JSON string, which is exactly what the Web API client makes of an object; given the
 * string, the client skips walking every block twice (a redacted copy for a debug line it does
 * not print, and its own serialisation). The bytes sent are the same; on the post-ack thread the
 * two calls of a `/writeoff` cost a fifth less CPU (docs/decisions/245-lighter-post-ack-path.md).
 */
function asSent(view: ModalView): ModalView {
  return JSON.stringify(view) as unknown as ModalView;
}

/** The same for every command, so serialised once. */
const LOADING_VIEW = asSent(manualLoadingView());

export async function openWithLoading(
  client: webApi.WebClient,
  triggerId: string,
  /** Gets the id of the modal just opened, to bind the draft to it. */
  render: (viewId: string) => Promise<ModalView>,
): Promise<void> {
  const opened = await client.views.open({ trigger_id: triggerId, view: LOADING_VIEW });
  const viewId = opened.view?.id;
  if (viewId === undefined) throw new Error('views.open returned no view id');
  await client.views.update({
    view_id: viewId,
    ...(opened.view?.hash === undefined ? {} : { hash: opened.view.hash }),
    view: asSent(await render(viewId)),
  });
}
