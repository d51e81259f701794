// The outbox worker on its own: a real migrated database, the Slack notifier (a real WebClient)
// pointed at the fake Slack API, and explicit instants for `now`. Each pass expands due events
// into one-call steps and performs each step once; failures wait with back-off and are retried,
// never duplicated.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import {
  claimStep,
  expandDueEvents,
  listDueSteps,
  MAX_STEP_ATTEMPTS,
} from '../../src/app/notification-outbox.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { enqueueOutbox } from '../../src/db/repos/outbox.ts';
import { listOutboxRows } from '../../src/db/repos/outbox-delivery.ts';
import { sqliteStore, txOf } from '../../src/db/sqlite-store.ts';
import { type OutboxWorkerDeps, runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { startOutboxScheduler } from '../../src/jobs/scheduler.ts';
import { notifierClient, slackNotifier } from '../../src/slack/notifier.ts';
import { APPROVER, CLERK, seedDatabase, submit } from '../slack/approval-helpers.ts';
import { unwrap } from '../support/app.ts';
import { NOW_MS } from '../support/db.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../support/fake-slack-api.ts';
import { capturingLogger } from '../support/slack-app.ts';

let fake: FakeSlackApi;
let database: Database;
let worker: OutboxWorkerDeps;
const at = (offsetMs: number) => new Date(NOW_MS + offsetMs);
const app = (): AppDeps => ({ store: sqliteStore(database), now: () => at(0) });

beforeEach(async () => {
  fake = await startFakeSlackApi();
  database = seedDatabase(openTestDatabase());
  worker = {
    store: sqliteStore(database),
    notifier: slackNotifier(notifierClient('xoxb-test', fake.url), 'C0APPROVALS'),
    logger: capturingLogger([]),
    admins: [],
  };
});
afterEach(async () => {
  await fake.close();
  database.close();
  fake.verify();
});

const dms = () => fake.calls('chat.postMessage').filter((c) => c.args.channel === CLERK);

/** Submitted, announced and approved: the `request_posted` event is due. */
async function postedRequest(): Promise<string> {
  const id = submit(database);
  await runOutboxWorker(worker, at(0));
  unwrap(approveRequest(app(), { requestId: id, approver: APPROVER }));
  return id;
}

describe('runOutboxWorker', () => {
  it('announces, then delivers a posting as three steps, each once', async () => {
    const id = submit(database);
    const first = await runOutboxWorker(worker, at(0));
    expect(first).toEqual({ expanded: 1, completed: 3, deferred: 0, skipped: 0 });
    unwrap(approveRequest(app(), { requestId: id, approver: APPROVER }));
    const second = await runOutboxWorker(worker, at(0));
    expect(second).toEqual({ expanded: 1, completed: 3, deferred: 0, skipped: 0 });
    expect(await runOutboxWorker(worker, at(86_400_000))).toEqual({
      expanded: 0,
      completed: 0,
      deferred: 0,
      skipped: 0,
    });
    expect(fake.calls('chat.update')).toHaveLength(2);
    expect(dms()).toHaveLength(1);
    const steps = listOutboxRows(txOf(database), id).filter((r) => r.kind.startsWith('step:'));
    expect(steps.map((s) => [s.kind, s.status])).toEqual([
      ['step:post_parent', 'sent'],
      ['step:post_reply', 'sent'],
      // A small request's detail is copied into the reply: nothing is uploaded.
      ['step:upload_detail', 'sent'],
      ['step:update_parent', 'sent'],
      ['step:update_reply', 'sent'],
      ['step:dm', 'sent'],
    ]);
  });

  it('retries a failed step after its back-off, and only that step', async () => {
    const id = await postedRequest();
    fake.failNext('chat.postMessage', 'internal_error');
    expect(await runOutboxWorker(worker, at(0))).toMatchObject({ completed: 2, deferred: 1 });
    const failed = listOutboxRows(txOf(database), id).find((r) => r.kind === 'step:dm');
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAtMs: NOW_MS + 30_000,
      lastError: expect.stringContaining('internal_error'),
    });
    expect(await runOutboxWorker(worker, at(29_999))).toMatchObject({ completed: 0 });
    expect(await runOutboxWorker(worker, at(30_000))).toMatchObject({ completed: 1 });
    expect(dms()).toHaveLength(2); // the failed attempt was recorded by the fake, then the retry
    expect(fake.calls('chat.update')).toHaveLength(2);
  });

  it('gives a step up as failed after the last attempt', async () => {
    const id = await postedRequest();
    fake.override('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    let offsetMs = 0;
    for (let attempt = 1; attempt <= MAX_STEP_ATTEMPTS; attempt += 1) {
      await runOutboxWorker(worker, at(offsetMs));
      offsetMs += 3_600_000;
    }
    const dm = listOutboxRows(txOf(database), id).find((r) => r.kind === 'step:dm');
    expect(dm).toMatchObject({ status: 'failed', attempts: MAX_STEP_ATTEMPTS });
    const calls = dms().length;
    await runOutboxWorker(worker, at(offsetMs + 86_400_000));
    expect(dms()).toHaveLength(calls);
  });
});

describe('rows of other kinds', () => {
  it('600 due digest DMs queued first neither starve nor reach the request worker', async () => {
    // Digests share the table; they are older (lower ids) and due, like after a long outage.
    sqliteStore(database).write((tx) => {
      for (let i = 0; i < 600; i += 1) {
        enqueueOutbox(tx, {
          kind: 'digest_dm',
          payload: { userId: `U0M${i}`, week: '2026-W48', timezone: 'UTC' },
          dedupeKey: `digest:U0M${i}:2026-W48`,
          atMs: NOW_MS - 60_000,
        });
      }
    });
    const id = submit(database);
    expect(await runOutboxWorker(worker, at(0))).toMatchObject({ expanded: 1, completed: 3 });
    expect(listDueSteps(app())).toEqual([]);
    const digests = listOutboxRows(txOf(database)).filter((r) => r.kind === 'digest_dm');
    expect(digests.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
    expect(fake.calls('chat.postMessage').every((c) => c.args.channel !== 'U0M0')).toBe(true);
    expect(listOutboxRows(txOf(database), id).every((r) => r.status === 'sent')).toBe(true);
  });
});

describe('claims', () => {
  it('a crashed worker’s claim is taken over after the lease, not before', async () => {
    const id = submit(database);
    // A worker expands the announcement, claims its first step and "crashes".
    expandDueEvents(app(), { requestId: id });
    const [first] = listDueSteps(app(), id);
    expect(first).toBeDefined();
    expect(claimStep(app(), first?.id ?? 0)).not.toBeNull();
    expect(claimStep(app(), first?.id ?? 0)).toBeNull();
    const during = await runOutboxWorker(worker, at(59_000), { requestId: id });
    expect(during.completed).toBe(0);
    expect(fake.calls('chat.postMessage')).toHaveLength(0);
    const after = await runOutboxWorker(worker, at(60_000), { requestId: id });
    expect(after.completed).toBe(3); // parent, reply, and the detail (copied: no upload)
    expect(fake.calls('chat.postMessage')).toHaveLength(2);
  });
});

describe('startOutboxScheduler', () => {
  it('delivers what is queued without being asked, and stops', async () => {
    submit(database);
    const scheduler = startOutboxScheduler({ ...worker, now: () => at(0) }, { intervalMs: 5 });
    await fake.waitForCalls('chat.postMessage', 2);
    await scheduler.stop();
    expect(fake.calls('chat.postMessage')).toHaveLength(2);
  });
});
