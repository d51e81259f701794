// Performs one outbox step as exactly one Slack call (ADR 051). Messages are rendered from the
// request as it is *now*, so an update that runs late, or twice, still shows the latest state.
import type { webApi } from '@slack/bolt';
import type { AppDeps } from '../app/deps.ts';
import {
  recordAnnouncedParent,
  recordAnnouncedReply,
  type Step,
} from '../app/notification-outbox.ts';
import { getRequestView, type RequestView } from '../app/request-views.ts';
import { type RequestCard, requestCard } from '../slack/views/approval-card.ts';
import { approvalParentMessage, approvalReplyMessage } from '../slack/views/approval-messages.ts';
import { directNotice, threadNote } from '../slack/views/approval-notices.ts';

export interface StepContext {
  readonly app: AppDeps;
  readonly client: webApi.WebClient;
  readonly approvalsChannel: string;
}

/** `done` (sent, or nothing left to do) or `wait` with why it cannot run yet. */
export type StepOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'wait'; readonly why: string };

const DONE: StepOutcome = { kind: 'done' };
const wait = (why: string): StepOutcome => ({ kind: 'wait', why });

export async function performStep(ctx: StepContext, step: Step): Promise<StepOutcome> {
  const view = getRequestView(ctx.app, step.requestId);
  // A request that no longer exists has nobody to tell.
  if (view === null) return DONE;
  const card = requestCard(view);
  switch (step.action) {
    case 'post_parent':
      return postParent(ctx, view, card);
    case 'post_reply':
      return postReply(ctx, view, card);
    case 'update_parent':
      return updateParent(ctx, view, card);
    case 'update_reply':
      return updateReply(ctx, view, card);
    case 'thread_note':
      return postThreadNote(ctx, view, card, step);
    case 'dm':
      return postDirect(ctx, card, step);
  }
}

async function postParent(ctx: StepContext, view: RequestView, card: RequestCard) {
  if (view.slack !== null) return DONE;
  if (ctx.approvalsChannel === '') return wait('no approvals channel is configured');
  const posted = await ctx.client.chat.postMessage({
    channel: ctx.approvalsChannel,
    ...approvalParentMessage(card),
  });
  recordAnnouncedParent(ctx.app, view.id, {
    channel: posted.channel ?? ctx.approvalsChannel,
    ts: posted.ts ?? '',
  });
  return DONE;
}

async function postReply(ctx: StepContext, view: RequestView, card: RequestCard) {
  if (view.slack === null) return wait('the parent message is not posted yet');
  if (view.slack.threadTs !== null) return DONE;
  const posted = await ctx.client.chat.postMessage({
    channel: view.slack.channel,
    thread_ts: view.slack.ts,
    ...approvalReplyMessage(card),
  });
  recordAnnouncedReply(ctx.app, view.id, posted.ts ?? '');
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

async function postThreadNote(ctx: StepContext, view: RequestView, card: RequestCard, step: Step) {
  if (step.notice === undefined) return DONE;
  if (view.slack === null) return wait('the parent message is not posted yet');
  await ctx.client.chat.postMessage({
    channel: view.slack.channel,
    thread_ts: view.slack.ts,
    ...threadNote(card, step.notice),
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
