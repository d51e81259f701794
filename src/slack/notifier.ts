// The Slack side of the notifier port (ADR 111): one outbox step becomes exactly one Web API
// call. Messages are rendered from the request as it is *now*, so an update that runs late, or
// twice, still shows the latest state. Retrying is the outbox worker's job, never the client's.

import { webApi } from '@slack/bolt';
import type { Notice, Step } from '../app/notification-outbox.ts';
import type { Notifier, StepOutcome } from '../app/notifier.ts';
import type { RequestView } from '../app/request-views.ts';
import { type RequestCard, requestCard, requestDetailFile } from './views/approval-card.ts';
import { approvalParentMessage, approvalReplyMessage } from './views/approval-messages.ts';
import { directNotice, threadNote } from './views/approval-notices.ts';

/**
 * Options for every WebClient of the product. The client does not retry (its default policy
 * retries for about 30 minutes, long past an outbox lease, so two servers sent the same DM
 * twice) and gives up on a call after `timeout`, well inside the lease; the outbox retries.
 */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

export function slackClientOptions(
  slackApiUrl: string,
  fetch?: webApi.FetchFunction,
): webApi.WebClientOptions {
  const options = { slackApiUrl, retryConfig: { retries: 0 }, timeout: SLACK_CALL_TIMEOUT_MS };
  // `fetch`: SlackReachability's, which says once per outage that Slack cannot be reached.
  return fetch === undefined ? options : { ...options, fetch };
}

export function slackNotifier(client: webApi.WebClient, approvalsChannel: string): Notifier {
  // The worker hands every step of one pass the same view: its card is rendered once.
  const cards = new WeakMap<RequestView, RequestCard>();
  const cardOf = (view: RequestView) => {
    const card = cards.get(view) ?? requestCard(view);
    cards.set(view, card);
    return card;
  };
  return {
    perform: (step, view) => performStep({ client, approvalsChannel }, step, view, cardOf(view)),
  };
}

/** A WebClient for the notifier, configured like the Bolt app's. */
export function notifierClient(
  token: string,
  slackApiUrl: string,
  logger?: webApi.WebClientOptions['logger'],
  fetch?: webApi.FetchFunction,
): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...slackClientOptions(slackApiUrl, fetch),
    ...(logger === undefined ? {} : { logger }),
  });
}

interface StepContext {
  readonly client: webApi.WebClient;
  readonly approvalsChannel: string;
}

const DONE: StepOutcome = { kind: 'done' };
const wait = (why: string): StepOutcome => ({ kind: 'wait', why });

function performStep(
  ctx: StepContext,
  step: Step,
  view: RequestView,
  card: RequestCard,
): Promise<StepOutcome> {
  switch (step.action) {
    case 'post_parent':
      return postParent(ctx, view, card);
    case 'post_reply':
      return postReply(ctx, view, card);
    case 'upload_detail':
      return uploadDetail(ctx, view, card);
    case 'update_parent':
      return updateParent(ctx, view, card);
    case 'update_reply':
      return updateReply(ctx, view, card);
    case 'thread_note':
      return postThreadNote(ctx, view, card, step.notice);
    case 'dm':
      return postDirect(ctx, card, step);
  }
}

async function postParent(
  ctx: StepContext,
  view: RequestView,
  card: RequestCard,
): Promise<StepOutcome> {
  if (view.slack !== null) return DONE;
  if (ctx.approvalsChannel === '') return wait('no approvals channel is configured');
  const posted = await ctx.client.chat.postMessage({
    channel: ctx.approvalsChannel,
    ...approvalParentMessage(card),
  });
  return {
    kind: 'posted_parent',
    channel: posted.channel ?? ctx.approvalsChannel,
    ts: posted.ts ?? '',
  };
}

async function postReply(
  ctx: StepContext,
  view: RequestView,
  card: RequestCard,
): Promise<StepOutcome> {
  if (view.slack === null) return wait('the parent message is not posted yet');
  if (view.slack.threadTs !== null) return DONE;
  const posted = await ctx.client.chat.postMessage({
    channel: view.slack.channel,
    thread_ts: view.slack.ts,
    ...approvalReplyMessage(card),
  });
  return { kind: 'posted_reply', ts: posted.ts ?? '' };
}

// A detail too large to copy into the decision reply is shared as a CSV file in the thread,
// through Slack's external upload flow (filesUploadV2: getUploadURLExternal → POST →
// completeUploadExternal). A small one is already in the reply: nothing to do.
async function uploadDetail(
  ctx: StepContext,
  view: RequestView,
  card: RequestCard,
): Promise<StepOutcome> {
  if (view.slack === null) return wait('the parent message is not posted yet');
  if (card.detail === undefined || card.detail.csv !== null) return DONE;
  const file = requestDetailFile(view);
  await ctx.client.filesUploadV2({
    channel_id: view.slack.channel,
    thread_ts: view.slack.ts,
    file: file.bytes,
    filename: file.filename,
    title: file.title,
  });
  return DONE;
}

// Before the announcement exists there is nothing to update: the announcement itself will
// render the current status.
async function updateParent(ctx: StepContext, view: RequestView, card: RequestCard) {
  if (view.slack === null) return DONE;
  await ctx.client.chat.update({
    channel: view.slack.channel,
    ts: view.slack.ts,
    ...approvalParentMessage(card),
  });
  return DONE;
}

async function updateReply(ctx: StepContext, view: RequestView, card: RequestCard) {
  if (view.slack === null || view.slack.threadTs === null) return DONE;
  await ctx.client.chat.update({
    channel: view.slack.channel,
    ts: view.slack.threadTs,
    ...approvalReplyMessage(card),
  });
  return DONE;
}

async function postThreadNote(
  ctx: StepContext,
  view: RequestView,
  card: RequestCard,
  notice: Notice | undefined,
) {
  if (notice === undefined) return DONE;
  if (view.slack === null) return wait('the parent message is not posted yet');
  await ctx.client.chat.postMessage({
    channel: view.slack.channel,
    thread_ts: view.slack.ts,
    ...threadNote(card, notice),
  });
  return DONE;
}

// Posting to a user id delivers to the app's DM with that user (chat:write suffices).
async function postDirect(ctx: StepContext, card: RequestCard, step: Step) {
  if (step.notice === undefined || step.to === undefined) return DONE;
  // Operators (`system:cli`, …) are not Slack users: there is nobody to DM.
  if (step.to.startsWith('system:')) return DONE;
  await ctx.client.chat.postMessage({ channel: step.to, ...directNotice(card, step.notice) });
  return DONE;
}
