// The cluster-wide job passes claim their work by keys on PostgreSQL too
// (docs/decisions/295-cluster-wide-job-passes.md): two instances run the same pass at once,
// composed from the PostgreSQL twins as the use-cases compose the SQLite repos, and every
// reminder, digest week and notification step is queued once. On the server both transactions
// read before either writes (a barrier), the worst overlap; on PGlite (one connection) they queue.
// Claiming due rows by lease is outbox.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../src/db/pg/audit.repo.ts';
import type { PgDatabaseHandle } from '../../../src/db/pg/client.ts';
import { insertSend } from '../../../src/db/pg/digest-schedule.repo.ts';
import { enqueueOutbox } from '../../../src/db/pg/outbox.repo.ts';
import { listDueOutboxRows, markOutboxSent } from '../../../src/db/pg/outbox-delivery.repo.ts';
import { listPendingCreatedBy } from '../../../src/db/pg/reminders.repo.ts';
import { type PgTransactionTx, pgTransaction } from '../../../src/db/pg/transaction.ts';
import { openTwoInstances, pgBackends, query } from './backends.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

type Pass<T> = (tx: PgTransactionTx, bothHaveRead: () => Promise<void>) => Promise<T>;

describe.each(pgBackends())('job passes on two instances ($backend.name)', ({ backend, skip }) => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>> | undefined;
  beforeAll(async () => {
    if (skip) return;
    instances = await openTwoInstances(backend);
    for (const statement of LEDGER_FIXTURE) await query(instances.a, statement);
  }, 120_000);
  afterAll(async () => instances?.close(), 120_000);

  /** The same pass on both instances at once; its results in instance order. */
  async function onBoth<T>(pass: Pass<T>): Promise<[T, T]> {
    if (instances === undefined) throw new Error('database not opened');
    const { a, b } = instances;
    const barrier = a === b ? undefined : twoParty();
    const run = (handle: PgDatabaseHandle) =>
      pgTransaction(handle.db, (tx) => pass(tx, barrier ?? (async () => {})));
    const [first, second] = await Promise.all([run(a), run(b)]);
    return [first, second];
  }
  const count = async (sql: string) => {
    if (instances === undefined) throw new Error('database not opened');
    return (await query(instances.a, sql)).length;
  };

  it.skipIf(skip)('reminds of each overdue request once, with one audit row', async () => {
    const [byA, byB] = await onBoth(async (tx, bothHaveRead) => {
      const due = await listPendingCreatedBy(tx, T0_MS, 500);
      await bothHaveRead();
      const reminded: string[] = [];
      for (const requestId of due) {
        const key = `${requestId}:sla_reminder`;
        const message = { requestId, kind: 'request_reminder', payload: {}, dedupeKey: key };
        if (!(await enqueueOutbox(tx, { ...message, atMs: T0_MS }))) continue;
        await appendAudit(tx, {
          atMs: T0_MS,
          actor: 'system:reminders',
          action: 'reminder_sent',
          requestId,
        });
        reminded.push(requestId);
      }
      return reminded;
    });
    expect([...byA, ...byB].sort()).toEqual(['WO-000002', 'WO-000003']);
    expect(await count(`SELECT 1 FROM slack_outbox WHERE kind = 'request_reminder'`)).toBe(2);
    expect(await count(`SELECT 1 FROM audit_log WHERE action = 'reminder_sent'`)).toBe(2);
  });

  it.skipIf(skip)("queues each manager's week once", async () => {
    const managers = ['U1', 'U2', 'U3'];
    const [byA, byB] = await onBoth(async (tx, bothHaveRead) => {
      await bothHaveRead();
      let queued = 0;
      for (const userId of managers) {
        const week = { userId, week: '2026-W25', timezone: 'UTC' };
        if (!(await insertSend(tx, { ...week, queuedAtMs: T0_MS }))) continue;
        const dedupeKey = `digest:${userId}:2026-W25`;
        await enqueueOutbox(tx, { kind: 'digest_dm', payload: week, dedupeKey, atMs: T0_MS });
        queued += 1;
      }
      return queued;
    });
    expect(byA + byB).toBe(3);
    expect(await count(`SELECT 1 FROM digest_sends WHERE week = '2026-W25'`)).toBe(3);
    expect(await count(`SELECT 1 FROM slack_outbox WHERE kind = 'digest_dm'`)).toBe(3);
  });

  it.skipIf(skip)('expands each event into its steps once', async () => {
    if (instances === undefined) throw new Error('database not opened');
    const event = { requestId: 'WO-000002', kind: 'request_stale', payload: {} };
    await enqueueOutbox(instances.a.db, { ...event, dedupeKey: 'WO-000002:stale', atMs: T0_MS });
    await onBoth(async (tx, bothHaveRead) => {
      const events = await listDueOutboxRows(tx, T0_MS, { requestRowsExceptPrefix: 'step:' });
      await bothHaveRead();
      for (const { id, requestId, dedupeKey } of events) {
        for (const action of ['update_parent', 'dm']) {
          const step = { requestId: requestId ?? '', kind: `step:${action}`, payload: {} };
          await enqueueOutbox(tx, { ...step, dedupeKey: `${dedupeKey}>${action}`, atMs: T0_MS });
        }
        await markOutboxSent(tx, id, T0_MS);
      }
    });
    expect(
      await count(`SELECT 1 FROM slack_outbox WHERE dedupe_key LIKE 'WO-000002:stale>%'`),
    ).toBe(2);
    expect(
      await count(
        `SELECT 1 FROM slack_outbox WHERE kind NOT LIKE 'step:%' AND request_id IS NOT NULL AND status = 'pending'`,
      ),
    ).toBe(0);
  });
});

/** Resolves for both callers once both have called it (two transactions on two pools). */
function twoParty(): () => Promise<void> {
  let arrived = 0;
  let release = () => {};
  const bothThere = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === 2) release();
    return bothThere;
  };
}
