// announceRequest through the Slack notifier against the fake Slack API: the parent message
// and the decision reply land once, in the right places, and are stored on the request; a
// request too large to copy into the reply gets its CSV detail as a file in the thread.
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDemoArFile, DEMO_BIG_CUSTOMER } from '../../src/app/demo-data.ts';
import { CSV_HEADER } from '../../src/app/preview-csv.ts';
import { openTestDatabase } from '../../src/db/client.ts';
import { parseAmount } from '../../src/domain/money.ts';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { announceRequest } from '../../src/slack/announce-request.ts';
import { ids } from '../../src/slack/ids.ts';
import { unwrap } from '../support/app.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { NOW_MS } from '../support/db.ts';
import { TEST_APPROVALS_CHANNEL } from '../support/slack-app.ts';
import {
  type ApprovalApp,
  CLERK,
  manual,
  seedDatabase,
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

describe('a request too large to copy into the thread', () => {
  it('shows the entry and the largest items and shares every line as a CSV file, once', async () => {
    await t.close();
    const database = seedDatabase(openTestDatabase(), buildDemoArFile('2026-06-15'));
    t = await startApprovalApp({ database, ownDatabase: true });
    const numbers = database.sqlite
      .prepare('SELECT number FROM invoices WHERE customer_id = ? AND open_minor <> 0')
      .pluck()
      .all(DEMO_BIG_CUSTOMER) as string[];
    expect(numbers).toHaveLength(320);
    const request = manual({
      customerId: DEMO_BIG_CUSTOMER,
      invoices: numbers.map((invoice) => ({ invoice })),
    });
    const posted = await submitAndAnnounce(t, request);
    const view = viewOf(t.database, posted.id);

    const reply = t.fake.calls('chat.postMessage').find((c) => c.args.thread_ts !== undefined);
    expectValidMessage(reply?.args);
    expect((reply?.args.blocks as unknown[] | undefined)?.length).toBeLessThanOrEqual(50);
    const replyText = JSON.stringify(reply?.args.blocks);
    expect(replyText).toContain('Journal entry');
    expect(replyText).toContain('10 largest items');
    expect(replyText).toContain('CSV file shared in this thread');

    const [upload] = t.fake.uploads();
    expect(t.fake.uploads()).toHaveLength(1);
    expect(upload?.completed).toEqual({ channel: posted.channel, threadTs: posted.parentTs });
    const rows = parse(upload?.bytes.toString('utf8') ?? '') as string[][];
    expect(rows[0]).toEqual(['customer_name', ...CSV_HEADER]);
    const lines = view.items.reduce((n, i) => n + (i.kind === 'invoice' ? i.lines.length : 1), 0);
    expect(rows).toHaveLength(lines + 1);
    const amount = CSV_HEADER.indexOf('amount') + 1;
    const sum = rows.slice(1).reduce((s, r) => s + unwrap(parseAmount(r[amount] ?? '', 'USD')), 0);
    expect(sum).toBe(view.totalMinor);
    expect(new Set(rows.slice(1).map((r) => r[3])).size).toBe(320);

    await announceRequest(t.deps, posted.id);
    expect(t.fake.uploads()).toHaveLength(1);
  });
});
