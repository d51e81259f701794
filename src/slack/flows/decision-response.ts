// What every decision listener does after its use-case: deliver the notifications the change
// queued (messages updated in place, DMs), publish the clicker's App Home again when the click
// came from there, and tell the clicker why nothing happened when that is the case.
import type { webApi } from '@slack/bolt';
import type { DecisionOutcome } from '../../app/decision-clicks.ts';
import type { SlackDeps } from '../deps.ts';
import type { ClickSurface } from '../parse/approval.ts';
import { refusalText } from '../views/approval-notices.ts';
import { homeQuery, publishHome } from './home-publish.ts';

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

/** The App Home to read with the decision when the click came from there. */
export function homeIfFromHome(deps: SlackDeps, userId: string, fromHome: boolean) {
  return fromHome ? homeQuery(deps, userId) : null;
}

/**
 * Posted, stale and escalated outcomes all queued notifications: deliver them before the clicker
 * hears anything, so the thread already shows the outcome.
 */
export async function afterDecision(
  client: WebClient,
  deps: SlackDeps,
  requestId: string,
  userId: string,
  outcome: DecisionOutcome,
): Promise<void> {
  await deps.notifications.deliverFor(requestId);
  if (outcome.home !== null) await publishHome(client, userId, outcome.home);
}

/** A refusal as the clicker reads it. */
export function refusalOf(outcome: DecisionOutcome): string | null {
  return outcome.refused === null ? null : refusalText(outcome.refused, outcome.currency);
}
