// Reject and Reverse through the real receiver: the button opens a reason modal (views.open with
// the click's trigger_id), the submission runs the use-case, the messages update in place and the
// requester is told. A blank reason is answered next to the field and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAuditTrail } from '../../src/app/request-views.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { ids } from '../../src/slack/ids.ts';
import { expectValidMessage, expectValidView } from '../support/block-kit.ts';
import { NOW_MS } from '../support/db.ts';
import { viewSubmission } from '../support/slack-request.ts';
import {
  APPROVER,
  type ApprovalApp,
  BIG_APPROVER,
  CLERK,
  callText,
  click,
  dmsTo,
  journalEntries,
  startApprovalApp,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';

let t: ApprovalApp;
beforeEach(async () => {
  t = await startApprovalApp();
});
afterEach(() => t.close());

interface OpenedModal {
  readonly callback_id: string;
  readonly private_metadata: string;
}

function openedModal(index = 0): OpenedModal {
  const call = t.fake.calls('views.open')[index];
  expectValidView(call?.args.view);
  return call?.args.view as OpenedModal;
}

function submitReason(modal: OpenedModal, userId: string, reason: string) {
  return t.send(
    viewSubmission({
      callbackId: modal.callback_id,
      privateMetadata: modal.private_metadata,
      userId,
      values: {
        [ids.approval.reasonBlock]: {
          [ids.approval.reasonInput]: { type: 'plain_text_input', value: reason },
        },
      },
    }),
  );
}

describe('Reject', () => {
  it('opens a reason modal, rejects with the reason, updates both messages and tells the requester', async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(click(ids.approval.rejectAction, posted, APPROVER, { triggerId: 'trig-1' }));
    expect(t.fake.calls('views.open')[0]?.args.trigger_id).toBe('trig-1');
    const modal = openedModal();
    expect(modal.callback_id).toBe(ids.approval.rejectModal);
    expect(JSON.stringify(modal)).toContain('$183.00');

    const blank = await submitReason(modal, APPROVER, '   ');
    expect(blank.json).toMatchObject({
      response_action: 'errors',
      errors: { [ids.approval.reasonBlock]: expect.stringContaining('reason is required') },
    });
    expect(viewOf(t.database, posted.id).status).toBe('pending');

    const done = await submitReason(modal, APPROVER, 'Customer disputes; collections still active');
    expect(done.status).toBe(200);
    expect(done.text).toBe('');
    const view = viewOf(t.database, posted.id);
    expect(view.status).toBe('rejected');
    expect(view.rejectionReason).toBe('Customer disputes; collections still active');
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    const updates = t.fake.calls('chat.update');
    expect(updates.map((u) => u.args.ts).sort()).toEqual([posted.parentTs, posted.replyTs].sort());
    for (const update of updates) {
      expectValidMessage(update.args);
      expect(callText(update)).toContain(`Rejected by <@${APPROVER}>`);
      expect(callText(update)).not.toContain(ids.approval.approveAction);
    }
    expect(dmsTo(t, CLERK)).toHaveLength(1);
    expect(callText(dmsTo(t, CLERK)[0])).toContain('Customer disputes');
    const rejected = getAuditTrail(
      { store: sqliteStore(t.database), now: () => new Date(NOW_MS) },
      posted.id,
    ).find((a) => a.action === 'rejected');
    expect(rejected).toMatchObject({ actor: APPROVER, slackTs: posted.replyTs });
  });

  it('refuses the requester before opening the modal', async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(click(ids.approval.rejectAction, posted, CLERK));
    expect(t.fake.calls('views.open')).toHaveLength(0);
    expect(String(t.fake.calls('chat.postEphemeral')[0]?.args.text)).toContain('your own request');
  });

  it('answers in the modal when someone else decided meanwhile', async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(click(ids.approval.rejectAction, posted, APPROVER));
    await t.send(click(ids.approval.approveAction, posted, BIG_APPROVER));
    const late = await submitReason(openedModal(), APPROVER, 'Too late');
    expect(late.json).toMatchObject({
      response_action: 'errors',
      errors: { [ids.approval.reasonBlock]: expect.stringContaining('already posted') },
    });
    expect(viewOf(t.database, posted.id).status).toBe('posted');
  });
});

describe('Reverse', () => {
  it('a posted request offers Reverse; the mirror entry posts and the messages update', async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    t.fake.reset();
    await t.send(click(ids.approval.reverseAction, posted, BIG_APPROVER));
    const modal = openedModal();
    expect(modal.callback_id).toBe(ids.approval.reverseModal);
    const blank = await submitReason(modal, BIG_APPROVER, '');
    expect(blank.json).toMatchObject({ response_action: 'errors' });
    await submitReason(modal, BIG_APPROVER, 'Customer paid after all');
    expect(journalEntries(t.database, posted.id)).toEqual([
      { kind: 'write_off' },
      { kind: 'reversal' },
    ]);
    const view = viewOf(t.database, posted.id);
    expect(view.status).toBe('reversed');
    const updates = t.fake.calls('chat.update');
    expect(updates).toHaveLength(2);
    for (const update of updates) {
      expectValidMessage(update.args);
      expect(callText(update)).toContain(
        `journal entry #${view.reversalEntryId} mirrors #${view.postedEntryId}`,
      );
      expect(callText(update)).not.toContain(ids.approval.reverseAction);
    }
    const note = t.fake.calls('chat.postMessage').find((c) => c.args.thread_ts === posted.parentTs);
    expect(callText(note)).toContain('Customer paid after all');
    expect(dmsTo(t, CLERK)).toHaveLength(1);
    expect(callText(dmsTo(t, CLERK)[0])).toContain('reversed by');
  });

  it('is refused to someone without the approver or admin role', async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    await t.send(click(ids.approval.reverseAction, posted, CLERK));
    expect(t.fake.calls('views.open')).toHaveLength(0);
    expect(String(t.fake.calls('chat.postEphemeral').at(-1)?.args.text)).toContain(
      'not allowed to reverse',
    );
    expect(viewOf(t.database, posted.id).status).toBe('posted');
  });
});
