// Digest subscriptions and sends, and recoveries, answer alike on SQLite and PostgreSQL.
import { expect } from 'vitest';
import * as sqliteSchedule from '../../../src/db/digest-schedule.repo.ts';
import * as pgSchedule from '../../../src/db/pg/digest-schedule.repo.ts';
import * as pgRecoveries from '../../../src/db/pg/recoveries.repo.ts';
import * as sqliteRecoveries from '../../../src/db/recoveries.repo.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

const SCHEDULE = pair(sqliteSchedule, pgSchedule, [
  'getSubscription',
  'upsertSubscription',
  'listActiveManagerSubscriptions',
  'insertSend',
  'getSend',
  'recordSendMessage',
  'markSendComplete',
  'listSubscriptions',
]);
const RECOVERIES = pair(sqliteRecoveries, pgRecoveries, [
  'nextRecoveryId',
  'insertRecovery',
  'getRecovery',
  'listRecoveries',
  'decideRecovery',
  'listWrittenOffInvoices',
  'erpOpenOf',
  'writtenOffParts',
  'postedRecoveryIds',
  'postedRecoveryEntryIds',
  'pendingRecoveryIds',
  'recoveredByInvoice',
]);

const subscription = (userId: string, active: boolean) => ({
  userId,
  active,
  weekday: 1,
  hour: 8,
  timezone: 'Europe/Berlin',
  profileTimezone: null,
  activeSinceMs: T0_MS,
  updatedAtMs: T0_MS,
});

const recovery = (id: string, amountMinor: number, createdAtMs: number, invoice = 'INV-002') => ({
  id,
  requestId: 'WO-000001',
  invoiceNumber: invoice,
  paidMinor: amountMinor,
  amountMinor,
  status: 'pending' as const,
  importId: null,
  createdAtMs,
});

contract('digests and recoveries', LEDGER_FIXTURE, (test) => {
  test('keeps subscriptions and lists the active ones of managers', async (s) => {
    const schedule = s.bind(SCHEDULE);
    await s.exec(
      `INSERT INTO user_roles (user_id, role) VALUES ('U1', 'manager'), ('U3', 'manager')`,
    );
    await schedule.upsertSubscription(subscription('U1', true));
    await schedule.upsertSubscription(subscription('U2', true));
    await schedule.upsertSubscription(subscription('U3', false));
    await schedule.upsertSubscription({ ...subscription('U1', true), hour: 9 });
    expect((await schedule.getSubscription('U1'))?.hour).toBe(9);
    expect(await schedule.getSubscription('U9')).toBeNull();
    expect((await schedule.listActiveManagerSubscriptions()).map((r) => r.userId)).toEqual(['U1']);
    expect((await schedule.listSubscriptions()).map((r) => [r.userId, r.active])).toEqual([
      ['U1', true],
      ['U2', true],
      ['U3', false],
    ]);
  });

  test('records a week once and completes it', async (s) => {
    const schedule = s.bind(SCHEDULE);
    const send = { userId: 'U1', week: '2026-W24', timezone: 'UTC', queuedAtMs: T0_MS };
    expect(await schedule.insertSend(send)).toBe(true);
    expect(await schedule.insertSend({ ...send, queuedAtMs: T0_MS + 1 })).toBe(false);
    await schedule.recordSendMessage(send, { channel: 'D1', ts: '9.9' });
    await schedule.markSendComplete(send, T0_MS + 5);
    expect(await schedule.getSend('U1', '2026-W24')).toEqual({
      ...send,
      channel: 'D1',
      messageTs: '9.9',
      sentAtMs: T0_MS + 5,
    });
    expect(await schedule.getSend('U1', '2026-W25')).toBeNull();
  });

  test('numbers, lists and decides recoveries once', async (s) => {
    const recoveries = s.bind(RECOVERIES);
    expect(await recoveries.nextRecoveryId()).toBe('RC-000001');
    await recoveries.insertRecovery(recovery('RC-000001', 100, T0_MS));
    await recoveries.insertRecovery(recovery('RC-000002', 50, T0_MS + 1));
    expect(await recoveries.nextRecoveryId()).toBe('RC-000003');
    expect((await recoveries.listRecoveries()).map((r) => r.id)).toEqual([
      'RC-000002',
      'RC-000001',
    ]);
    expect(await recoveries.listRecoveries('WO-000002')).toEqual([]);
    const decided = { status: 'posted' as const, decidedBy: 'U_BOSS', decidedAtMs: T0_MS + 2 };
    expect(await recoveries.decideRecovery('RC-000001', decided)).toBe(true);
    expect(await recoveries.decideRecovery('RC-000001', { ...decided, status: 'rejected' })).toBe(
      false,
    );
    expect(await recoveries.getRecovery('RC-000001')).toMatchObject({
      status: 'posted',
      decidedBy: 'U_BOSS',
      entryId: null,
    });
    expect(await recoveries.postedRecoveryIds('WO-000001')).toEqual(['RC-000001']);
  });

  test('reads the written-off invoices and their parts', async (s) => {
    const recoveries = s.bind(RECOVERIES);
    expect(await recoveries.listWrittenOffInvoices()).toEqual([
      { number: 'INV-002', openMinor: 500, erpOpenMinor: 500 },
    ]);
    expect(await recoveries.erpOpenOf('INV-002')).toBe(500);
    expect(await recoveries.erpOpenOf('nope')).toBe(0);
    await recoveries.insertRecovery(recovery('RC-000001', 100, T0_MS));
    await recoveries.insertRecovery(recovery('RC-000002', 30, T0_MS));
    await recoveries.decideRecovery('RC-000002', {
      status: 'rejected',
      decidedBy: 'U_BOSS',
      decidedAtMs: T0_MS,
      rejectionReason: 'not paid',
    });
    expect(await recoveries.writtenOffParts('INV-002')).toEqual([
      { requestId: 'WO-000001', writtenOffMinor: 400, recoveredMinor: 100 },
    ]);
    expect(await recoveries.writtenOffParts('INV-001')).toEqual([]);
  });

  test('reads the pending and posted recoveries and their sums per invoice', async (s) => {
    const recoveries = s.bind(RECOVERIES);
    const [entry] = await s.rows<{ id: number }>(
      `SELECT id FROM journal_entries WHERE reference = 'write-off:WO-000001'`,
    );
    const entryId = Number(entry?.id);
    expect(await recoveries.postedRecoveryEntryIds('WO-000001')).toEqual([]);
    expect(await recoveries.recoveredByInvoice('WO-000001')).toEqual(new Map());
    await recoveries.insertRecovery(recovery('RC-000001', 100, T0_MS));
    await recoveries.insertRecovery(recovery('RC-000002', 30, T0_MS, 'INV-001'));
    await recoveries.insertRecovery(recovery('RC-000003', 20, T0_MS));
    await recoveries.insertRecovery(recovery('RC-000004', 7, T0_MS));
    await recoveries.insertRecovery(recovery('RC-000005', 9, T0_MS));
    const posted = { status: 'posted' as const, decidedBy: 'U_BOSS', decidedAtMs: T0_MS + 1 };
    await recoveries.decideRecovery('RC-000001', { ...posted, entryId });
    await recoveries.decideRecovery('RC-000002', posted);
    await recoveries.decideRecovery('RC-000003', { ...posted, entryId });
    await recoveries.decideRecovery('RC-000005', { ...posted, status: 'rejected' });
    expect(await recoveries.pendingRecoveryIds('WO-000001')).toEqual(['RC-000004']);
    expect(await recoveries.pendingRecoveryIds('WO-000002')).toEqual([]);
    expect(await recoveries.postedRecoveryEntryIds('WO-000001')).toEqual([entryId, entryId]);
    const sums = await recoveries.recoveredByInvoice('WO-000001');
    expect([...sums].sort()).toEqual([
      ['INV-001', 30],
      ['INV-002', 120],
    ]);
    expect(await recoveries.recoveredByInvoice('WO-000002')).toEqual(new Map());
  });
});
