// Requests, their journal entries and the whole-ledger facts answer alike on SQLite and
// PostgreSQL: numbering, inserting a request with its lines and per-item sums, the pending locks,
// listings, the Slack message, revisions, split candidates, a journal entry and the period export.
import { expect } from 'vitest';
import * as sqliteJournal from '../../../src/db/journal.repo.ts';
import * as sqliteLedgerState from '../../../src/db/ledger-state.repo.ts';
import * as pgJournal from '../../../src/db/pg/journal.repo.ts';
import * as pgLedgerState from '../../../src/db/pg/ledger-state.repo.ts';
import * as pgRequests from '../../../src/db/pg/requests.repo.ts';
import * as pgSplit from '../../../src/db/pg/split.repo.ts';
import * as sqliteRequests from '../../../src/db/requests.repo.ts';
import * as sqliteSplit from '../../../src/db/split.repo.ts';
import { collect, contract, pair } from './contract.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

const REQUESTS = pair(sqliteRequests, pgRequests, [
  'nextRequestId',
  'insertRequest',
  'getRequest',
  'getRequestLines',
  'updateRequestStatus',
  'lockItems',
  'releaseLocks',
  'invoiceLockHolder',
  'onAccountLockHolder',
  'invoiceLocksOfCustomer',
  'listRequestRows',
  'setSlackMessage',
  'getRevisionOf',
]);
const SPLIT = pair(sqliteSplit, pgSplit, ['listSplitCandidates', 'updateSplitJson']);
const JOURNAL = pair(sqliteJournal, pgJournal, [
  'insertJournalEntry',
  'getJournalEntryByReference',
  'getJournalEntry',
  'getPostings',
  'getAccountTotals',
  'iteratePeriodPostings',
]);
const LEDGER_STATE = pair(sqliteLedgerState, pgLedgerState, ['ledgerIsEmpty', 'probeWrite']);

const line = (seq: number, invoiceNumber: string, lineNo: number, amountMinor: number) => ({
  requestId: 'WO-000005',
  seq,
  kind: 'invoice' as const,
  customerId: 'C001',
  invoiceNumber,
  line: lineNo,
  itemVersion: 1,
  amountMinor,
  taxMinor: 0,
  retainageMinor: 0,
  financeChargeMinor: 0,
  account: '6800',
});

const request = {
  id: 'WO-000005',
  mode: 'manual' as const,
  status: 'pending' as const,
  customerId: 'C001',
  period: '2026-06',
  writeOffOn: '2026-06-15',
  currency: 'EUR',
  totalMinor: 2500,
  requester: 'U_CLERK',
  previewHash: 'h5',
  policyVersion: 'p1',
  createdAtMs: T0_MS,
  revises: 'WO-000004',
};

contract('requests and the journal', LEDGER_FIXTURE, (test) => {
  test('numbers, inserts and reads a request with its lines and items', async (s) => {
    const requests = s.bind(REQUESTS);
    expect(await requests.nextRequestId()).toBe('WO-000005');
    await requests.insertRequest(request, [
      line(1, 'INV-001', 1, 2000),
      line(2, 'INV-001', 2, 500),
    ]);
    expect(await requests.nextRequestId()).toBe('WO-000006');
    expect(await requests.getRequest('WO-000005')).toMatchObject({ ...request, approver: null });
    expect(
      (await requests.getRequestLines('WO-000005')).map((l) => [l.seq, l.amountMinor]),
    ).toEqual([
      [1, 2000],
      [2, 500],
    ]);
    expect(
      await s.rows(`SELECT seq, invoice_number AS i, item_on AS d, amount_minor AS a
      FROM write_off_request_items WHERE request_id = 'WO-000005'`),
    ).toEqual([{ seq: 1, i: 'INV-001', d: '2026-01-10', a: 2500 }]);
    expect((await requests.getRevisionOf('WO-000004'))?.id).toBe('WO-000005');
    expect(await requests.getRevisionOf('WO-000001')).toBeNull();
    expect(await requests.getRequest('WO-999999')).toBeNull();
  });

  test('locks and releases items, moves a status once, lists and records Slack', async (s) => {
    const requests = s.bind(REQUESTS);
    await requests.insertRequest({ ...request, revises: null }, []);
    await requests.lockItems('WO-000005', ['INV-002', 'INV-020'], ['OA-1']);
    expect(await requests.invoiceLockHolder('INV-020')).toBe('WO-000005');
    expect(await requests.invoiceLockHolder('INV-010')).toBeNull();
    expect(await requests.onAccountLockHolder('OA-1')).toBe('WO-000005');
    expect(await requests.invoiceLocksOfCustomer('C001')).toEqual(
      new Map([
        ['INV-001', 'WO-000003'],
        ['INV-002', 'WO-000005'],
      ]),
    );
    await requests.releaseLocks('WO-000005');
    expect(await requests.onAccountLockHolder('OA-1')).toBeNull();
    const approve = { status: 'approved' as const, approver: 'U_BOSS', decidedAtMs: T0_MS };
    expect(await requests.updateRequestStatus('WO-000005', ['pending'], approve)).toBe(true);
    expect(await requests.updateRequestStatus('WO-000005', ['pending'], approve)).toBe(false);
    expect((await requests.listRequestRows({})).map((r) => r.id)).toEqual([
      'WO-000005',
      'WO-000003',
      'WO-000004',
      'WO-000002',
      'WO-000001',
    ]);
    const pending = await requests.listRequestRows({ statuses: ['pending'], limit: 1 });
    expect(pending.map((r) => r.id)).toEqual(['WO-000003']);
    expect(await requests.listRequestRows({ requester: 'nobody' })).toEqual([]);
    const message = { channel: 'C1', ts: '1.1', threadTs: '1.2' };
    expect(await requests.setSlackMessage('WO-000005', message)).toBe(true);
    expect(await requests.setSlackMessage('WO-999999', message)).toBe(false);
  });

  test("lists a requester's requests for a customer for split detection", async (s) => {
    const split = s.bind(SPLIT);
    const rows = await split.listSplitCandidates('U_CLERK', 'C001', T0_MS - 10 * 86_400_000);
    expect(rows).toEqual([
      {
        requestId: 'WO-000001',
        requester: 'U_CLERK',
        customerId: 'C001',
        status: 'posted',
        createdAtMs: T0_MS - 9 * 86_400_000,
        grossMinor: 400,
        invoices: ['INV-002'],
      },
      {
        requestId: 'WO-000003',
        requester: 'U_CLERK',
        customerId: 'C001',
        status: 'pending',
        createdAtMs: T0_MS - 86_400_000,
        grossMinor: 12000,
        invoices: ['INV-001'],
      },
    ]);
    await split.updateSplitJson('WO-000003', '{"warn":true}');
    expect(
      await s.rows(`SELECT split_json AS j FROM write_off_requests WHERE id = 'WO-000003'`),
    ).toEqual([{ j: '{"warn":true}' }]);
  });

  test('writes a balanced entry once and exports the period', async (s) => {
    const journal = s.bind(JOURNAL);
    const entry = {
      reference: 'write-off:WO-000003',
      kind: 'write_off' as const,
      requestId: 'WO-000003',
      period: '2026-06',
      entryOn: '2026-06-15',
      currency: 'EUR',
      createdAtMs: T0_MS,
      createdBy: 'U_BOSS',
    };
    const id = await journal.insertJournalEntry(entry, [
      { account: '6800', debitMinor: 12000, creditMinor: 0 },
      {
        account: '1200',
        debitMinor: 0,
        creditMinor: 12000,
        customerId: 'C001',
        invoiceNumber: 'INV-001',
        line: 1,
      },
    ]);
    expect(await journal.getJournalEntry(id)).toEqual(
      await journal.getJournalEntryByReference(entry.reference),
    );
    expect((await journal.getPostings(id)).map((p) => [p.seq, p.account, p.line])).toEqual([
      [1, '6800', null],
      [2, '1200', 1],
    ]);
    expect(await journal.getAccountTotals(id)).toEqual([
      { account: '1200', debitMinor: 0, creditMinor: 12000 },
      { account: '6800', debitMinor: 12000, creditMinor: 0 },
    ]);
    const exported = await collect(journal.iteratePeriodPostings('2026-06'));
    expect(
      exported.map(({ entryId, ...row }) => [
        entryId === id,
        row.reference,
        row.seq,
        row.creditMinor,
        row.reasonCode,
      ]),
    ).toEqual([
      [true, 'write-off:WO-000003', 1, 0, null],
      [true, 'write-off:WO-000003', 2, 12000, null],
    ]);
    expect(Object.keys(exported[1] ?? {}).sort()).toEqual(
      [
        'entryId',
        'reference',
        'kind',
        'requestId',
        'period',
        'entryOn',
        'currency',
        'seq',
        'account',
        'debitMinor',
        'creditMinor',
        'customerId',
        'invoiceNumber',
        'line',
        'onAccountId',
        'reasonCode',
      ].sort(),
    );
  });

  test('knows whether the ledger is empty and takes a write', async (s) => {
    const state = s.bind(LEDGER_STATE);
    expect(await state.ledgerIsEmpty()).toBe(false);
    expect(await state.probeWrite(T0_MS)).toEqual({ ok: true });
    expect(await s.rows(`SELECT value FROM settings WHERE key = 'health_probe_at_ms'`)).toEqual([
      { value: String(T0_MS) },
    ]);
  });
});
