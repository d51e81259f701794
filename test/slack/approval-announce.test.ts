// announceRequest through the Slack notifier against the fake Slack API: the parent message
// and the decision reply land once, in the right places, and are stored on the request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { announceRequest } from '../../src/slack/announce-request.ts';
import { ids } from '../../src/slack/ids.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { NOW_MS } from '../support/db.ts';
import { TEST_APPROVALS_CHANNEL } from '../support/slack-app.ts';
import {
  type ApprovalApp,
  CLERK,
  startApprovalApp,
  submit,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';

let t: ApprovalApp;
beforeEach(async () => {
  t = await startApprovalApp();
});
afterEach(() => t.close());

describe('announceRequest', () => {
  it('posts the summary and a threaded reply with Approve and Reject, and stores both', async () => {
    const posted = await submitAndAnnounce(t);
    const [parent, reply] = t.fake.calls('chat.postMessage');
    expect(t.fake.calls('chat.postMessage')).toHaveLength(2);
    expect(parent?.args.channel).toBe(TEST_APPROVALS_CHANNEL);
    expect(parent?.args.thread_ts).toBeUndefined();
    expect(String(parent?.args.text)).toContain('$183.00');
    expect(String(parent?.args.text)).toContain('Acme Builders (C100)');
    expect(JSON.stringify(parent?.args.blocks)).toContain(`<@${CLERK}>`);
    expect(JSON.stringify(parent?.args.blocks)).toContain('Pending approval');
    expect(reply?.args.thread_ts).toBe(posted.parentTs);
    const actions = ((reply?.args.blocks ?? []) as { type: string; elements?: unknown[] }[]).find(
      (b) => b.type === 'actions',
    );
    expect(actions?.elements).toMatchObject([
      { action_id: ids.approval.approveAction, value: posted.id, confirm: { style: 'primary' } },
      { action_id: ids.approval.rejectAction, value: posted.id },
    ]);
    const confirmText = JSON.stringify(actions?.elements?.[0]);
    expect(confirmText).toContain('$183.00');
    expect(confirmText).toContain('Acme Builders');
    for (const call of t.fake.calls('chat.postMessage')) expectValidMessage(call.args);
    expect(viewOf(t.database, posted.id).slack).toEqual({
      channel: TEST_APPROVALS_CHANNEL,
      ts: posted.parentTs,
      threadTs: posted.replyTs,
    });
  });

  it('posts nothing more when called again', async () => {
    const posted = await submitAndAnnounce(t);
    await announceRequest(t.deps, posted.id);
    await Promise.all([announceRequest(t.deps, posted.id), announceRequest(t.deps, posted.id)]);
    expect(t.fake.calls('chat.postMessage')).toHaveLength(2);
  });

  it('two concurrent first calls post each message once', async () => {
    const id = submit(t.database);
    await Promise.all([announceRequest(t.deps, id), announceRequest(t.deps, id)]);
    expect(t.fake.calls('chat.postMessage')).toHaveLength(2);
    expect(viewOf(t.database, id).slack?.threadTs).not.toBeNull();
  });

  it('keeps the request when Slack fails and posts it on a later call', async () => {
    const id = submit(t.database);
    t.fake.failNext('chat.postMessage', 'internal_error');
    await announceRequest(t.deps, id);
    expect(viewOf(t.database, id).status).toBe('pending');
    expect(viewOf(t.database, id).slack).toBeNull();
    await runOutboxWorker(t.worker, new Date(NOW_MS + 31_000));
    expect(viewOf(t.database, id).slack?.threadTs).not.toBeNull();
    expect(t.fake.calls('chat.postMessage')).toHaveLength(3);
  });
});
