// The Slack outbox answers alike on SQLite and PostgreSQL: queueing once, the due listings and
// their filters, the lease, rescheduling, giving up, the admin listings and requeueing.
import { expect } from 'vitest';
import * as sqliteOutbox from '../../../src/db/outbox.repo.ts';
import * as sqliteDelivery from '../../../src/db/outbox-delivery.repo.ts';
import * as pgOutbox from '../../../src/db/pg/outbox.repo.ts';
import * as pgDelivery from '../../../src/db/pg/outbox-delivery.repo.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

const OUTBOX = pair(sqliteOutbox, pgOutbox, ['enqueueOutbox', 'listDueOutbox', 'setOutboxPayload']);
const DELIVERY = pair(sqliteDelivery, pgDelivery, [
  'listDueOutboxRows',
  'claimOutboxRow',
  'markOutboxSent',
  'rescheduleOutboxRow',
  'releaseOutboxRow',
  'listStaleWithoutNotice',
  'listOutboxRows',
  'listDueOutboxRowsOfKind',
  'listUndeliveredRows',
  'countFailedRows',
  'requeueFailedRows',
  'anyOutboxWorkDue',
]);

const LEASE_MS = 60_000;

const message = (dedupeKey: string, kind: string, atMs = T0_MS, requestId?: string) => ({
  kind,
  payload: { text: dedupeKey },
  dedupeKey,
  atMs,
  ...(requestId === undefined ? {} : { requestId }),
});

const keys = (rows: readonly { dedupeKey: string }[]) => rows.map((r) => r.dedupeKey);

contract('the Slack outbox', LEDGER_FIXTURE, (test) => {
  test('queues an event once and lists what is due, oldest first', async (s) => {
    const outbox = s.bind(OUTBOX);
    expect(await outbox.enqueueOutbox(message('a', 'step:dm'))).toBe(true);
    expect(await outbox.enqueueOutbox(message('a', 'step:dm'))).toBe(false);
    await outbox.enqueueOutbox(message('b', 'digest', T0_MS + 1));
    await outbox.enqueueOutbox(message('c', 'step:dm', T0_MS - 1));
    expect(keys(await outbox.listDueOutbox(T0_MS))).toEqual(['a', 'c']);
    expect(keys(await outbox.listDueOutbox(T0_MS + 1, 2))).toEqual(['a', 'b']);
    const [a] = await outbox.listDueOutbox(T0_MS, 1);
    if (a === undefined) throw new Error('nothing due');
    expect(a).toMatchObject({
      requestId: null,
      kind: 'step:dm',
      attempts: 0,
      payload: { text: 'a' },
    });
    await outbox.setOutboxPayload(a.id, { text: 'a', dmTs: '1.1' });
    expect((await outbox.listDueOutbox(T0_MS, 1))[0]?.payload).toEqual({ text: 'a', dmTs: '1.1' });
  });

  test('filters due rows by request and kind before the limit', async (s) => {
    const outbox = s.bind(OUTBOX);
    const delivery = s.bind(DELIVERY);
    for (let i = 0; i < 3; i++) await outbox.enqueueOutbox(message(`digest:${i}`, 'digest'));
    await outbox.enqueueOutbox(message('r2:posted', 'request_posted', T0_MS, 'WO-000002'));
    await outbox.enqueueOutbox(message('r2:step', 'step:dm', T0_MS, 'WO-000002'));
    await outbox.enqueueOutbox(message('r3:step', 'step:dm', T0_MS, 'WO-000003'));
    expect(keys(await delivery.listDueOutboxRows(T0_MS, { limit: 2 }))).toEqual([
      'digest:0',
      'digest:1',
    ]);
    expect(keys(await delivery.listDueOutboxRows(T0_MS, { kindPrefix: 'step:' }))).toEqual([
      'r2:step',
      'r3:step',
    ]);
    expect(
      keys(await delivery.listDueOutboxRows(T0_MS, { requestRowsExceptPrefix: 'step:' })),
    ).toEqual(['r2:posted']);
    expect(keys(await delivery.listDueOutboxRows(T0_MS, { requestId: 'WO-000002' }))).toEqual([
      'r2:posted',
      'r2:step',
    ]);
    expect(keys(await delivery.listDueOutboxRowsOfKind(T0_MS, 'digest', 2))).toEqual([
      'digest:0',
      'digest:1',
    ]);
  });

  test('leases a row, gives it back, sends it', async (s) => {
    const outbox = s.bind(OUTBOX);
    const delivery = s.bind(DELIVERY);
    await outbox.enqueueOutbox(message('a', 'step:dm'));
    const [row] = await delivery.listDueOutboxRows(T0_MS);
    if (row === undefined) throw new Error('nothing due');
    expect(await delivery.claimOutboxRow(row.id, T0_MS, LEASE_MS)).toMatchObject({ attempts: 1 });
    expect(await delivery.claimOutboxRow(row.id, T0_MS + 1, LEASE_MS)).toBeNull();
    await delivery.releaseOutboxRow(row.id, T0_MS + 2, 'shutting down');
    const [again] = await delivery.listOutboxRows();
    expect(again).toMatchObject({ attempts: 0, nextAtMs: T0_MS + 2, lastError: 'shutting down' });
    expect(await delivery.claimOutboxRow(row.id, T0_MS + 2, LEASE_MS)).toMatchObject({
      attempts: 1,
    });
    await delivery.markOutboxSent(row.id, T0_MS + 3);
    expect(await delivery.listOutboxRows()).toEqual([
      {
        id: row.id,
        kind: 'step:dm',
        dedupeKey: 'a',
        status: 'sent',
        attempts: 1,
        nextAtMs: T0_MS + 2 + LEASE_MS,
        lastError: null,
      },
    ]);
    // A holder whose lease ran out fails late: the row another holder sent stays sent.
    await delivery.rescheduleOutboxRow(row.id, {
      nextAtMs: T0_MS + 9,
      error: 'late',
      giveUp: false,
    });
    expect(await delivery.listOutboxRows()).toMatchObject([{ status: 'sent', lastError: null }]);
  });

  test('reschedules, gives up, lists the undelivered and requeues the failed', async (s) => {
    const outbox = s.bind(OUTBOX);
    const delivery = s.bind(DELIVERY);
    for (const key of ['a', 'b', 'c']) {
      await outbox.enqueueOutbox(message(key, 'step:dm', T0_MS, 'WO-000002'));
    }
    const [a, b, c] = await delivery.listOutboxRows('WO-000002');
    if (a === undefined || b === undefined || c === undefined) throw new Error('rows missing');
    await delivery.rescheduleOutboxRow(a.id, {
      nextAtMs: T0_MS + 5,
      error: 'x'.repeat(600),
      giveUp: false,
    });
    await delivery.rescheduleOutboxRow(b.id, { nextAtMs: T0_MS, error: 'gone', giveUp: true });
    await delivery.rescheduleOutboxRow(c.id, { nextAtMs: T0_MS, error: 'gone', giveUp: true });
    expect((await delivery.listOutboxRows())[0]?.lastError).toHaveLength(500);
    expect(await delivery.countFailedRows()).toBe(2);
    const undelivered = await delivery.listUndeliveredRows({ failedOnly: false, limit: 10 });
    expect(undelivered.map((r) => [r.dedupeKey, r.status, r.requestId, r.createdAtMs])).toEqual([
      ['a', 'pending', 'WO-000002', T0_MS],
      ['b', 'failed', 'WO-000002', T0_MS],
      ['c', 'failed', 'WO-000002', T0_MS],
    ]);
    expect(await delivery.listUndeliveredRows({ failedOnly: true, limit: 1 })).toHaveLength(1);
    expect(await delivery.requeueFailedRows([a.id, b.id], T0_MS + 9)).toEqual([b.id]);
    expect(await delivery.requeueFailedRows('all', T0_MS + 9)).toEqual([c.id]);
    expect(await delivery.countFailedRows()).toBe(0);
    expect(keys(await delivery.listDueOutboxRows(T0_MS + 9))).toEqual(['a', 'b', 'c']);
  });

  test('finds stale requests whose notice was never queued', async (s) => {
    const outbox = s.bind(OUTBOX);
    const delivery = s.bind(DELIVERY);
    expect(await delivery.listStaleWithoutNotice()).toEqual(['WO-000004']);
    await outbox.enqueueOutbox(message('WO-000004:stale', 'request_stale', T0_MS, 'WO-000004'));
    expect(await delivery.listStaleWithoutNotice()).toEqual([]);
  });

  test('says whether a worker pass would find anything due', async (s) => {
    const outbox = s.bind(OUTBOX);
    const delivery = s.bind(DELIVERY);
    // The fixture's stale request has no notice queued yet.
    expect(await delivery.anyOutboxWorkDue(T0_MS)).toBe(true);
    await outbox.enqueueOutbox(message('WO-000004:stale', 'request_stale', T0_MS + 5, 'WO-000004'));
    expect(await delivery.anyOutboxWorkDue(T0_MS + 4)).toBe(false);
    expect(await delivery.anyOutboxWorkDue(T0_MS + 5)).toBe(true);
    const [row] = await delivery.listDueOutboxRows(T0_MS + 5);
    if (row === undefined) throw new Error('nothing due');
    await delivery.rescheduleOutboxRow(row.id, { nextAtMs: T0_MS + 5, error: 'x', giveUp: true });
    expect(await delivery.anyOutboxWorkDue(T0_MS + 99)).toBe(false);
    await outbox.enqueueOutbox(message('digest:a', 'digest', T0_MS + 99));
    expect(await delivery.anyOutboxWorkDue(T0_MS + 99)).toBe(true);
  });
});
