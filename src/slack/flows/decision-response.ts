// What every decision listener does after its use-case: deliver the notifications the change
// queued (messages updated in place, DMs), tell the clicker why nothing happened when that is
// the case, and refresh their App Home when the click came from there.
import type { webApi } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import type { ClickSurface } from '../parse/approval.ts';
import { publishHome } from './home-publish.ts';

type WebClient = webApi.WebClient;

/** Ephemeral in the channel (in the thread) the click came from; a DM from anywhere else. */
export async function tellClicker(
  client: WebClient,
  surface: ClickSurface,
  userId: string,
  text: string,
): Promise<void> {
  if (surface.kind === 'message') {
    await client.chat.postEphemeral({
      channel: surface.channel,
      user: userId,
      text,
      ...(surface.threadTs === undefined ? {} : { thread_ts: surface.threadTs }),
    });
    return;
  }
  await client.chat.postMessage({ channel: userId, text });
}

export async function afterDecision(
  client: WebClient,
  deps: SlackDeps,
  input: { readonly requestId: string; readonly userId: string; readonly fromHome: boolean },
): Promise<void> {
  await deps.notifications.deliverFor(input.requestId);
  if (input.fromHome) await publishHome(client, deps, input.userId);
}
