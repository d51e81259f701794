// A scheduler pass with nothing due (docs/decisions/380-quiet-job-passes-read-first.md): it
// finds that out by reading, so it neither waits for another process's write lock nor writes;
// work only a pass can discover (a stale request whose notice was never queued) is still done.
// Real database file, the Slack notifier pointed at the fake Slack API, explicit instants.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { busyWaitsSoFar } from '../../src/app/use-case-tx.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { listOutboxRows } from '../../src/db/repos/outbox-delivery.ts';
import { sqliteStore, txOf } from '../../src/db/sqlite-store.ts';
import { type OutboxWorkerDeps, runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { runReminderPass } from '../../src/jobs/reminder-job.ts';
import { notifierClient, slackNotifier } from '../../src/slack/notifier.ts';
import { seedDatabaseFile, submit } from '../slack/approval-helpers.ts';
import { NOW_MS } from '../support/db.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../support/fake-slack-api.ts';
import { capturingLogger } from '../support/slack-app.ts';

const DAY_MS = 86_400_000;
const at = (offsetMs: number) => new Date(NOW_MS + offsetMs);

let dir: string;
let path: string;
let fake: FakeSlackApi;
let database: Database;
let worker: OutboxWorkerDeps;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'writeoff-quiet-pass-'));
  path = join(dir, 'ledger.db');
  fake = await startFakeSlackApi();
  database = seedDatabaseFile(path);
  const store = sqliteStore(database);
  // As the composition root leaves it once the bot serves requests (ADR 120).
  store.neverWaitForLocks();
  worker = {
    store,
    notifier: slackNotifier(notifierClient('xoxb-test', fake.url), 'C0APPROVALS'),
    logger: capturingLogger([]),
    admins: [],
  };
});
afterEach(async () => {
  await fake.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  fake.verify();
});

/** A pass as the scheduler runs it: reminders first, then delivery. */
async function schedulerPass(now: Date) {
  const reminders = await runReminderPass(worker, now);
  return { reminders, outbox: await runOutboxWorker(worker, now) };
}

const NOTHING = {
  reminders: { reminded: [], escalated: [] },
  outbox: { expanded: 0, completed: 0, deferred: 0, skipped: 0 },
};

describe('a pass with nothing due', () => {
  it('does not wait while another process holds the write lock', async () => {
    const id = submit(database);
    expect((await schedulerPass(at(0))).outbox.completed).toBe(3); // announced
    // An approved request: nothing pending to remind, nothing left to send.
    database.sqlite
      .prepare(`UPDATE write_off_requests SET status = 'approved' WHERE id = ?`)
      .run(id);
    const other = openDatabase(path);
    other.sqlite.exec('BEGIN IMMEDIATE');
    try {
      const waitsBefore = busyWaitsSoFar();
      expect(await schedulerPass(at(3 * DAY_MS))).toEqual(NOTHING);
      expect(busyWaitsSoFar()).toBe(waitsBefore);
    } finally {
      other.sqlite.exec('ROLLBACK');
      other.close();
    }
  });

  it('still waits for the lock when a pending request is past its SLA, then reminds it', async () => {
    const id = submit(database);
    await schedulerPass(at(0));
    const other = openDatabase(path);
    other.sqlite.exec('BEGIN IMMEDIATE');
    setTimeout(() => {
      other.sqlite.exec('COMMIT');
      other.close();
    }, 50);
    const waitsBefore = busyWaitsSoFar();
    const pass = await schedulerPass(at(2 * DAY_MS + 1));
    expect(busyWaitsSoFar()).toBeGreaterThan(waitsBefore);
    expect(pass.reminders.reminded).toEqual([id]);
    expect(pass.outbox.expanded).toBe(1);
  });
});

describe('a stale request whose notice was never queued', () => {
  it('is told in its thread by the next pass, once', async () => {
    const id = submit(database);
    await schedulerPass(at(0));
    const postsBefore = fake.calls('chat.postMessage').length;
    // What a re-import does in bulk SQL, without the outbox.
    database.sqlite
      .prepare(`UPDATE write_off_requests SET status = 'stale' WHERE id = ? AND status = 'pending'`)
      .run(id);
    const pass = await schedulerPass(at(60_000));
    expect(pass.outbox.expanded).toBe(1);
    const rows = listOutboxRows(txOf(database), id);
    expect(rows.find((r) => r.dedupeKey === `${id}:stale`)).toMatchObject({ status: 'sent' });
    expect(fake.calls('chat.postMessage').length).toBeGreaterThan(postsBefore);
    expect(await schedulerPass(at(120_000))).toEqual(NOTHING);
  });
});
