// The Slack outbox on PostgreSQL with two instances (docs/decisions/230-postgresql-backend.md):
// an event is queued once, every due row is claimed by exactly one instance, and a row claimed
// by an instance that died is taken over once its lease has run out. Time is a parameter here
// (`nowMs`), so the lease is tested without waiting for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDatabaseHandle } from '../../../src/db/pg/client.ts';
import { enqueueOutbox } from '../../../src/db/pg/outbox.repo.ts';
import {
  claimDueOutboxRows,
  claimOutboxRow,
  listDueOutboxRows,
  markOutboxSent,
} from '../../../src/db/pg/outbox-delivery.repo.ts';
import { openTwoInstances, pgBackends, query } from './backends.ts';

const T0_MS = Date.UTC(2026, 5, 15, 14);
const LEASE_MS = 60_000;

const message = (key: string) => ({
  kind: 'step:dm',
  payload: { user: 'U1', text: key },
  dedupeKey: key,
  atMs: T0_MS,
});

describe.each(pgBackends())('outbox on PostgreSQL ($backend.name)', ({ backend, skip }) => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>> | undefined;
  beforeAll(async () => {
    if (!skip) instances = await openTwoInstances(backend);
  }, 120_000);
  afterAll(async () => instances?.close(), 120_000);
  const both = (): [PgDatabaseHandle, PgDatabaseHandle] => {
    if (instances === undefined) throw new Error('database not opened');
    return [instances.a, instances.b];
  };

  it.skipIf(skip)('queues an event once when both instances queue it at once', async () => {
    const [a, b] = both();
    const queued = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b)).map((h) =>
        enqueueOutbox(h.db, message('request_posted:WO-000001')),
      ),
    );
    expect(queued.filter(Boolean)).toHaveLength(1);
    await markAllSent(a);
  });

  it.skipIf(skip)('has every due row claimed by exactly one instance', async () => {
    const [a, b] = both();
    for (let i = 0; i < 40; i++) await enqueueOutbox(a.db, message(`event:${i}`));
    // One instance lists and claims row by row (the worker's way), the other claims in batches.
    const [byA, byB] = await Promise.all([drainRowByRow(a, T0_MS), drainInBatches(b, T0_MS)]);
    const all = [...byA, ...byB];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(40);
    await markAllSent(a);
  });

  it.skipIf(skip)("takes over a dead instance's row once its lease ran out", async () => {
    const [a, b] = both();
    await enqueueOutbox(a.db, message('event:orphaned'));
    const [due] = await listDueOutboxRows(a.db, T0_MS);
    if (due === undefined) throw new Error('nothing due');
    expect(await claimOutboxRow(a.db, due.id, T0_MS, LEASE_MS)).toMatchObject({ attempts: 1 });
    // Instance a dies here, without sending. Within the lease the row stays a's.
    expect(await claimOutboxRow(b.db, due.id, T0_MS + LEASE_MS - 1, LEASE_MS)).toBeNull();
    expect(await claimDueOutboxRows(b.db, T0_MS + LEASE_MS - 1, LEASE_MS, 10)).toEqual([]);
    // After it, b takes it over: counted as a second attempt.
    const taken = await claimDueOutboxRows(b.db, T0_MS + LEASE_MS, LEASE_MS, 10);
    expect(taken.map((m) => [m.id, m.attempts])).toEqual([[due.id, 2]]);
    await markOutboxSent(b.db, due.id, T0_MS + LEASE_MS);
    expect(await listDueOutboxRows(a.db, T0_MS + 10 * LEASE_MS)).toEqual([]);
  });
});

async function drainRowByRow(handle: PgDatabaseHandle, nowMs: number): Promise<number[]> {
  const claimed: number[] = [];
  for (;;) {
    const due = await listDueOutboxRows(handle.db, nowMs, { limit: 5 });
    if (due.length === 0) return claimed;
    for (const row of due) {
      const mine = await claimOutboxRow(handle.db, row.id, nowMs, LEASE_MS);
      if (mine !== null) claimed.push(mine.id);
    }
  }
}

async function drainInBatches(handle: PgDatabaseHandle, nowMs: number): Promise<number[]> {
  const claimed: number[] = [];
  for (;;) {
    const batch = await claimDueOutboxRows(handle.db, nowMs, LEASE_MS, 5);
    if (batch.length === 0) return claimed;
    claimed.push(...batch.map((m) => m.id));
  }
}

async function markAllSent(handle: PgDatabaseHandle): Promise<void> {
  await query(handle, `UPDATE slack_outbox SET status = 'sent', sent_at_ms = 0`);
}
