// The people of scripts/walkthrough.ts acting in Slack: the clerk opens /writeoff and submits,
// the approver clicks the thread's buttons and types reasons, and everyone waits for what Slack
// would show them (DMs, ephemeral answers). Every request goes to the running process, signed.

import type { FakeSlackApi, RecordedCall } from '../src/sandbox/fake-slack-api.ts';
import { manualIds as form, ids, reasonIds } from '../src/slack/ids.ts';
import {
  blockAction,
  type SlackRequest,
  slashCommand,
  viewSubmission,
} from '../test/support/slack-request.ts';
import { waitFor } from './walkthrough-process.ts';
import {
  chosen,
  driveModal,
  type Modal,
  sendTo,
  ticked,
  typedText,
} from './walkthrough-support.ts';

export const CLERK = 'U0CLERK';
export const APPROVER = 'U0APPROVER';
export const ADMIN = 'U0ADMIN';
export const CHANNEL = 'C0APPROVALS';
export const CUSTOMER = 'C100';

type Json = Record<string, unknown>;

/** A message the fake posted, with the ts it answered (buttons are clicked on a ts). */
export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs: string | undefined;
  readonly call: Json;
}

export interface Stage {
  readonly fake: FakeSlackApi;
  readonly posted: readonly PostedMessage[];
  readonly eventsUrl: string;
  readonly secret: string;
  readonly check: (condition: boolean, what: string) => void;
  readonly transcript: (modal?: Modal) => void;
}

/** A submitted request as the channel shows it. */
export interface Posted {
  readonly id: string;
  readonly channel: string;
  readonly parentTs: string;
  readonly replyTs: string;
  readonly period: string;
  readonly invoice: string;
}

export type People = ReturnType<typeof people>;

export function people(stage: Stage) {
  const { fake, posted, eventsUrl, secret, check, transcript } = stage;

  async function openForm(userId: string): Promise<Modal> {
    const before = fake.calls('views.update').length;
    await sendTo(eventsUrl, secret, slashCommand({ userId, channelId: 'C0GENERAL' }));
    const updates = await fake.waitForCalls('views.update', before + 1);
    const last = updates.at(-1)?.args as Json;
    transcript();
    const send = (r: SlackRequest) => sendTo(eventsUrl, secret, r);
    return driveModal(fake, send, userId, last.view as Json, String(last.view_id));
  }

  /** Invoice numbers of the rows on screen whose open balance is positive and under $1,000. */
  function openInvoicesOnScreen(modal: Modal): string[] {
    const rows = ((modal.view().blocks as Json[]) ?? []).filter((b) =>
      /^wo_row\|\d+\|select\|/.test(String(b.block_id)),
    );
    return rows
      .filter((row) => {
        const text = JSON.stringify(row);
        const open = /(?<![−-])\$([\d,]+\.\d\d)/.exec(text)?.[1]?.replaceAll(',', '');
        return open !== undefined && Number(open) > 1 && Number(open) < 1000;
      })
      .map((row) => String(row.block_id).split('|')[3] ?? '');
  }

  const used = new Set<string>();
  /** The first small invoice on screen that no earlier request of the walkthrough touched. */
  function freshInvoice(modal: Modal): string {
    const invoice = openInvoicesOnScreen(modal).find((n) => !used.has(n));
    if (invoice === undefined) throw new Error('no unused small invoice on the first page');
    used.add(invoice);
    return invoice;
  }

  /** Opens the form again, takes one invoice in full, previews and submits. */
  async function requestFor(pick: (m: Modal) => string, comment: string): Promise<Posted> {
    const modal = await openForm(CLERK);
    modal.set(form.customerBlock, form.customerAction, chosen(CUSTOMER));
    await modal.submit();
    const invoice = pick(modal);
    modal.setRow('select', invoice, ticked(invoice));
    modal.set(form.commentBlock, form.commentAction, typedText(comment));
    await modal.submit();
    check(modal.callbackId() === form.previewCallback, `invoice ${invoice} previews`);
    return { ...(await submitPreview(modal)), invoice };
  }

  async function submitPreview(modal: Modal): Promise<Posted> {
    const before = posted.length;
    // Every request says why, with one of the policy's reasons (docs/policy.md), and its evidence.
    modal.set(reasonIds.reasonBlock, reasonIds.reasonAction, {
      type: 'static_select',
      selected_option: { value: 'uncollectible' },
    });
    modal.set(reasonIds.evidenceBlock, reasonIds.evidenceAction, {
      type: 'plain_text_input',
      value: 'Chapter 7 bankruptcy notice, case 26-10442',
    });
    const ack = await modal.submit();
    check(ack?.response_action === 'clear', 'Submit closes the modal');
    const reply = await waitFor(
      () => posted.slice(before).find((p) => p.threadTs !== undefined && p.channel === CHANNEL),
      `the request's thread reply with Approve / Reject in #${CHANNEL}`,
    );
    const decide = JSON.stringify(reply.call.blocks ?? []).match(/"decide:(WO-\d+)"/);
    const id = decide?.[1] ?? '';
    await dmTo(CLERK, id);
    transcript();
    check(
      id !== '',
      `a pending request ${id} is in #${CHANNEL} with Approve / Reject in the thread`,
    );
    const parent = posted.find((p) => p.ts === reply.threadTs && p.threadTs === undefined);
    const period = /\*Period\*\\n(\d{4}-\d\d)/.exec(JSON.stringify(parent?.call ?? {}))?.[1] ?? '';
    check(period !== '', `the channel message names the period (${period})`);
    return {
      id,
      channel: CHANNEL,
      parentTs: reply.threadTs ?? '',
      replyTs: reply.ts,
      period,
      invoice: '',
    };
  }

  async function press(action: string, request: Posted, userId: string, triggerId = 't-1') {
    await sendTo(
      eventsUrl,
      secret,
      blockAction({
        actionId: action,
        value: request.id,
        blockId: `${ids.approval.decideBlockPrefix}:${request.id}`,
        userId,
        channelId: request.channel,
        messageTs: request.replyTs,
        threadTs: request.parentTs,
        triggerId,
      }),
    );
  }

  /** Clicks a button that opens a reason modal; returns the modal Slack was asked to open. */
  async function pressForModal(action: string, request: Posted, userId: string) {
    const before = fake.calls('views.open').length;
    await press(action, request, userId, `trigger-${action}`);
    return waitFor(() => fake.calls('views.open')[before], `views.open after ${action}`);
  }

  async function reasonSubmit(opened: RecordedCall | undefined, userId: string, reason: string) {
    const view = opened?.args.view as Json;
    await sendTo(
      eventsUrl,
      secret,
      viewSubmission({
        callbackId: String(view.callback_id),
        privateMetadata: String(view.private_metadata ?? ''),
        userId,
        values: {
          [ids.approval.reasonBlock]: {
            [ids.approval.reasonInput]: { type: 'plain_text_input', value: reason },
          },
        },
      }),
    );
  }

  /** The A/R file as the ERP would send it next: one more dollar due on the invoice's line 1. */
  async function ephemeralTo(user: string, text: string): Promise<RecordedCall | undefined> {
    const found = () =>
      [...fake.calls('chat.postEphemeral'), ...responsesAsCalls()].find(
        (c) => (c.args.user ?? user) === user && JSON.stringify(c.args).includes(text),
      );
    return waitFor(found, `an ephemeral to ${user} saying "${text}"`).catch(() => undefined);
  }

  /** What `respond()` sent to a response_url, shaped like a call for the transcript. */
  function responsesAsCalls(): RecordedCall[] {
    return fake.responses().map((r) => ({ method: 'response_url', args: r.body, token: '' }));
  }

  async function dmTo(user: string, text: string): Promise<RecordedCall | undefined> {
    try {
      return await waitFor(() =>
        fake
          .calls('chat.postMessage')
          .find(
            (c) =>
              (c.args.channel === user || c.args.channel === `D${user.slice(1)}`) &&
              JSON.stringify(c.args).includes(text),
          ),
      );
    } catch {
      return undefined;
    }
  }

  return {
    openForm,
    freshInvoice,
    requestFor,
    submitPreview,
    press,
    pressForModal,
    reasonSubmit,
    ephemeralTo,
    dmTo,
  };
}
