// Approve through the real receiver: signed block_actions against the app, Web API calls against
// the fake Slack API (every message through the Block Kit checker), outcomes read from SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAuditTrail } from '../../src/app/request-views.ts';
import { setApproverLimit } from '../../src/app/roles.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { ids } from '../../src/slack/ids.ts';
import { unwrap } from '../support/app.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { importFixture, NOW_MS, smallArFile } from '../support/db.ts';
import {
  ADMIN,
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

const ephemerals = () => t.fake.calls('chat.postEphemeral');
const deps = () => ({
  store: sqliteStore(t.database),
  now: () => new Date(NOW_MS),
});

describe('Approve', () => {
  it('by another approver posts once and updates both messages in place', async () => {
    const posted = await submitAndAnnounce(t);
    const response = await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(response.status).toBe(200);
    expect(journalEntries(t.database, posted.id)).toEqual([{ kind: 'write_off' }]);
    const view = viewOf(t.database, posted.id);
    expect(view.status).toBe('posted');
    expect(view.approver).toBe(APPROVER);
    const updates = t.fake.calls('chat.update');
    expect(updates.map((u) => u.args.ts).sort()).toEqual([posted.parentTs, posted.replyTs].sort());
    for (const update of updates) {
      expectValidMessage(update.args);
      expect(callText(update)).toContain(`Posted by <@${APPROVER}>`);
      expect(callText(update)).toContain(`journal entry #${view.postedEntryId}`);
      expect(callText(update)).not.toContain(ids.approval.approveAction);
    }
    const reply = updates.find((u) => u.args.ts === posted.replyTs);
    expect(callText(reply)).toContain(ids.approval.reverseAction);
    expect(dmsTo(t, CLERK)).toHaveLength(1);
    expect(callText(dmsTo(t, CLERK)[0])).toContain('approved by');
    expectValidMessage(dmsTo(t, CLERK)[0]?.args);
    expect(ephemerals()).toHaveLength(0);
    const trail = getAuditTrail(deps(), posted.id);
    expect(trail.find((a) => a.action === 'approved')).toMatchObject({
      actor: APPROVER,
      slackChannel: posted.channel,
      slackTs: posted.replyTs,
      previewHash: view.previewHash,
    });
  });

  it('refuses self-approval, ephemerally and specifically', async () => {
    const posted = await submitAndAnnounce(t, undefined, APPROVER);
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    expect(viewOf(t.database, posted.id).status).toBe('pending');
    const [ephemeral] = ephemerals();
    expect(ephemeral?.args).toMatchObject({
      channel: posted.channel,
      user: APPROVER,
      thread_ts: posted.parentTs,
      text: 'You requested this write-off; a second person must approve it.',
    });
    expect(t.fake.calls('chat.update')).toHaveLength(0);
  });

  it('refuses someone without the approver role', async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(click(ids.approval.approveAction, posted, 'U_SOMEONE'));
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    expect(String(ephemerals()[0]?.args.text)).toContain("don't have the approver role");
  });

  it('refuses an approver over their limit and names who can', async () => {
    unwrap(
      setApproverLimit(deps(), {
        by: 'system:test',
        userId: APPROVER,
        currency: 'USD',
        amount: '100.00',
      }),
    );
    const posted = await submitAndAnnounce(t);
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    expect(ephemerals()[0]?.args.text).toBe(
      `Your limit is $100.00; this request is $183.00 — approvers who can: <@${BIG_APPROVER}>.`,
    );
    const notes = t.fake
      .calls('chat.postMessage')
      .filter((c) => c.args.thread_ts === posted.parentTs);
    expect(callText(notes.at(-1))).toContain(`covers $183.00: <@${BIG_APPROVER}>`);
    expect(dmsTo(t, ADMIN)).toHaveLength(0);
  });

  it('escalates to the admins when no approver can, once per request', async () => {
    for (const userId of [APPROVER, BIG_APPROVER]) {
      unwrap(
        setApproverLimit(deps(), { by: 'system:test', userId, currency: 'USD', amount: '50' }),
      );
    }
    const posted = await submitAndAnnounce(t);
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    await t.send(click(ids.approval.approveAction, posted, BIG_APPROVER));
    expect(String(ephemerals()[0]?.args.text)).toContain('escalated to the admins');
    expect(dmsTo(t, ADMIN)).toHaveLength(1);
    expect(callText(dmsTo(t, ADMIN)[0])).toContain(posted.id);
    expect(callText(dmsTo(t, ADMIN)[0])).toContain('/writeoff roles');
    expect(
      getAuditTrail(deps(), posted.id).filter((a) => a.action === 'approval_over_limit'),
    ).toHaveLength(2);
  });

  it('escalates at announcement when no approver could approve it', async () => {
    for (const userId of [APPROVER, BIG_APPROVER]) {
      unwrap(
        setApproverLimit(deps(), { by: 'system:test', userId, currency: 'USD', amount: '50' }),
      );
    }
    const posted = await submitAndAnnounce(t);
    expect(dmsTo(t, ADMIN)).toHaveLength(1);
    const note = t.fake
      .calls('chat.postMessage')
      .filter((c) => c.args.thread_ts === posted.parentTs);
    expect(note.map(callText).join()).toContain('escalated to the admins');
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(dmsTo(t, ADMIN)).toHaveLength(1);
  });

  it('marks a request stale after a re-import changed a balance: no posting, thread says why, DM', async () => {
    const posted = await submitAndAnnounce(t);
    const file = smallArFile();
    const line = file.invoices[0]?.lines[0];
    if (line === undefined) throw new Error('fixture changed');
    line.due = '100.00';
    importFixture(t.database, file);
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    expect(viewOf(t.database, posted.id).status).toBe('stale');
    const note = t.fake
      .calls('chat.postMessage')
      .find((c) => c.args.thread_ts === posted.parentTs && callText(c).includes('Not posted'));
    expect(callText(note)).toContain('1001');
    const [dm] = dmsTo(t, CLERK);
    expect(callText(dm)).toContain(ids.approval.resubmitAction);
    expect(callText(dm)).toContain('Edit and resubmit');
    expectValidMessage(dm?.args);
    expect(String(ephemerals()[0]?.args.text)).toContain('balances changed');
    expect(
      callText(t.fake.calls('chat.update').find((u) => u.args.ts === posted.replyTs)),
    ).not.toContain(ids.approval.approveAction);
  });
});

describe('Slack failures after commit', () => {
  it('keep the posting and retry the failed notification later, never duplicating', async () => {
    const posted = await submitAndAnnounce(t);
    t.fake.failNext('chat.update', 'internal_error');
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(journalEntries(t.database, posted.id)).toHaveLength(1);
    expect(dmsTo(t, CLERK)).toHaveLength(1);
    const updatesBefore = t.fake.calls('chat.update').length;
    expect(updatesBefore).toBe(2); // one failed, one succeeded
    const sameInstant = await runOutboxWorker(t.worker, new Date(NOW_MS));
    expect(sameInstant.completed).toBe(0);
    const later = await runOutboxWorker(t.worker, new Date(NOW_MS + 31_000));
    expect(later).toMatchObject({ completed: 1, deferred: 0 });
    expect(t.fake.calls('chat.update')).toHaveLength(3);
    const again = await runOutboxWorker(t.worker, new Date(NOW_MS + 3_600_000));
    expect(again.completed).toBe(0);
    expect(t.fake.calls('chat.update')).toHaveLength(3);
    expect(dmsTo(t, CLERK)).toHaveLength(1);
  });
});
