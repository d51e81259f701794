// Re-importing refreshes the sub-ledger: balances by invoice number / on-account id, the
// chart and the periods; items the file no longer lists are settled at zero; pending
// requests on anything that changed become stale, with an audit row.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type ArFileV1, importArFile } from '../../src/app/import-ar-file.ts';
import { listAccounts, listPeriods } from '../../src/db/repos/accounts.ts';
import { getInvoice, getInvoiceVersions, getOnAccountItem } from '../../src/db/repos/invoices.ts';
import type { Store } from '../../src/db/tx.ts';
import {
  createTestStore,
  sqlAll,
  sqlColumn,
  sqlGet,
  sqlValue,
  testTx,
} from '../support/backend.ts';
import {
  dumpDatabase,
  importFixture,
  insertPendingRequest,
  NOW_MS,
  smallArFile,
} from '../support/db.ts';

let database: Store;
const dir = mkdtempSync(join(tmpdir(), 'writeoff-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  database = createTestStore();
});

const statusOf = (id: string) =>
  sqlValue(database, 'SELECT status FROM write_off_requests WHERE id = ?', id);
const auditOf = (id: string) =>
  sqlAll(
    database,
    'SELECT actor, action, details_json, preview_hash FROM audit_log WHERE request_id = ? ORDER BY id',
    id,
  ) as { actor: string; action: string; details_json: string; preview_hash: string }[];
const locks = () =>
  sqlColumn(database, 'SELECT invoice_number FROM request_invoice_locks ORDER BY 1');

function withLine(file: ArFileV1, invoice: number, due: string): ArFileV1 {
  const line = file.invoices[invoice]?.lines[0];
  if (line === undefined) throw new Error('no such line');
  line.due = due;
  return file;
}

describe('first import', () => {
  it('loads every item, with balances in minor units', () => {
    const summary = importFixture(database);
    expect(summary).toMatchObject({
      currency: 'USD',
      customers: 2,
      accounts: 7,
      periods: 3,
      invoices: { inserted: 3, updated: 0, unchanged: 0, settled: 0 },
      lines: 4,
      onAccount: { inserted: 1, updated: 0, unchanged: 0, settled: 0 },
      staleRequests: [],
    });
    expect(getInvoice(testTx(database), '1003')?.lines).toEqual([
      {
        line: 1,
        description: 'Credit memo',
        dueMinor: -2550,
        taxMinor: -150,
        retainageMinor: 0,
        financeChargeMinor: 0,
      },
    ]);
  });
});

describe('re-import', () => {
  beforeEach(() => {
    importFixture(database);
    insertPendingRequest(database, { id: 'WO-000001', customerId: 'C100', invoices: ['1001'] });
    insertPendingRequest(database, { id: 'WO-000002', customerId: 'C100', invoices: ['1002'] });
    insertPendingRequest(database, { id: 'WO-000003', customerId: 'C100', onAccount: ['P-9'] });
  });

  it('of the same file changes nothing and leaves requests pending', () => {
    const summary = importFixture(database);
    expect(summary.invoices).toEqual({ inserted: 0, updated: 0, unchanged: 3, settled: 0 });
    expect(summary.staleRequests).toEqual([]);
    expect(getInvoiceVersions(testTx(database), ['1001', '1002'])).toEqual(
      new Map([
        ['1001', 1],
        ['1002', 1],
      ]),
    );
    expect(statusOf('WO-000001')).toBe('pending');
  });

  it('updates a changed balance and makes the pending request on it stale', () => {
    const summary = importFixture(database, withLine(smallArFile(), 0, '100.00'));
    expect(summary.invoices).toEqual({ inserted: 0, updated: 1, unchanged: 2, settled: 0 });
    expect(summary.staleRequests).toEqual([{ requestId: 'WO-000001', changedItems: ['1001'] }]);
    expect(getInvoice(testTx(database), '1001')?.lines[0]?.dueMinor).toBe(10000);
    expect(getInvoiceVersions(testTx(database), ['1001']).get('1001')).toBe(2);
    expect(statusOf('WO-000001')).toBe('stale');
    expect(statusOf('WO-000002')).toBe('pending');
    expect(locks()).toEqual(['1002']);
    const [audit] = auditOf('WO-000001');
    expect(audit).toMatchObject({ actor: 'system:import', action: 'request_stale' });
    expect(JSON.parse(audit?.details_json ?? '{}')).toMatchObject({ changedItems: ['1001'] });
    const request = sqlGet(
      database,
      "SELECT preview_hash FROM write_off_requests WHERE id = 'WO-000001'",
    ) as { preview_hash: string };
    expect(audit?.preview_hash).toBe(request.preview_hash);
  });

  it('settles an invoice the file no longer lists (remaining 0) and makes its request stale', () => {
    const file = smallArFile();
    file.invoices = file.invoices.filter((i) => i.number !== '1002');
    const summary = importFixture(database, file);
    expect(summary.invoices.settled).toBe(1);
    expect(summary.staleRequests.map((r) => r.requestId)).toEqual(['WO-000002']);
    const settled = getInvoice(testTx(database), '1002');
    expect(
      settled?.lines.map((l) => [l.dueMinor, l.taxMinor, l.retainageMinor, l.financeChargeMinor]),
    ).toEqual([[0, 0, 0, 0]]);
    // Back in a later file, it is open again with its new balance.
    const again = importFixture(database, withLine(smallArFile(), 1, '300.00'));
    expect(again.invoices.updated).toBe(1);
    expect(getInvoice(testTx(database), '1002')?.lines[0]?.dueMinor).toBe(30000);
  });

  it('refreshes on-account items by id and settles absent ones', () => {
    const file = smallArFile();
    file.onAccount = [{ id: 'P-9', customer: 'C100', date: '2026-03-05', amount: '-40.00' }];
    const summary = importFixture(database, file);
    expect(summary.onAccount).toEqual({ inserted: 0, updated: 1, unchanged: 0, settled: 0 });
    expect(getOnAccountItem(testTx(database), 'P-9')?.amountMinor).toBe(-4000);
    expect(statusOf('WO-000003')).toBe('stale');
    file.onAccount = [];
    expect(importFixture(database, file).onAccount.settled).toBe(1);
    expect(getOnAccountItem(testTx(database), 'P-9')?.amountMinor).toBe(0);
  });

  it('refreshes periods and the chart; absent periods are closed, absent accounts inactive', () => {
    const file = smallArFile();
    file.periods = [
      { name: '2026-06', start: '2026-06-01', end: '2026-06-30', closed: true },
      { name: '2026-07', start: '2026-07-01', end: '2026-07-31', closed: false },
    ];
    file.accounts = file.accounts
      .filter((a) => a.code !== '7160')
      .map((a) => (a.code === '7100' ? { ...a, name: 'Bad debts' } : a));
    importFixture(database, file);
    expect(listPeriods(testTx(database)).map((p) => [p.name, p.closed])).toEqual([
      ['2026-05', true],
      ['2026-06', true],
      ['2026-07', false],
    ]);
    const chart = listAccounts(testTx(database));
    expect(chart.map((a) => a.code)).not.toContain('7160');
    expect(chart.find((a) => a.code === '7100')).toMatchObject({
      name: 'Bad debts',
      isDefault: true,
    });
  });

  it('moves the default write-off account', () => {
    const file = smallArFile();
    file.accounts = file.accounts.map((a) =>
      a.role === 'write_off' ? { ...a, default: a.code === '7160' } : a,
    );
    importFixture(database, file);
    const defaults = listAccounts(testTx(database)).filter((a) => a.isDefault);
    expect(defaults.map((a) => a.code)).toEqual(['7160']);
  });

  it('writes nothing from a bad file, even when balances changed too', () => {
    const before = dumpDatabase(database);
    const file = withLine(smallArFile(), 0, '1.00');
    if (file.invoices[1]) file.invoices[1].customer = 'C404';
    expect(importArFile(database, file, NOW_MS).ok).toBe(false);
    expect(dumpDatabase(database)).toEqual(before);
    expect(statusOf('WO-000001')).toBe('pending');
  });
});

describe('import from a file on disk', () => {
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('streams the file to the same ledger as the object import', () => {
    const fromObject = createTestStore();
    importFixture(fromObject);
    const path = write('small.json', JSON.stringify(smallArFile(), null, 2));
    const result = importArFile(database, path, NOW_MS);
    expect(result.ok).toBe(true);
    const strip = (d: Store) => {
      const { imports: _i, audit_log: _a, ...rest } = dumpDatabase(d);
      return rest;
    };
    expect(strip(database)).toEqual(strip(fromObject));
  });

  it('accepts members in any order (currency after the invoices, customers last)', () => {
    const { invoices, customers, currency, ...rest } = smallArFile();
    const path = write(
      'reordered.json',
      JSON.stringify({ invoices, ...rest, customers, currency }),
    );
    const result = importArFile(database, path, NOW_MS);
    expect(result.ok && result.value.invoices.inserted).toBe(3);
  });

  it('reports a missing currency even when the invoices come first', () => {
    const { currency: _c, invoices, ...rest } = smallArFile();
    const path = write('no-currency.json', JSON.stringify({ invoices, ...rest }));
    expect(importArFile(database, path, NOW_MS)).toEqual({
      ok: false,
      error: [{ path: 'currency', message: 'is required' }],
    });
  });

  it('still finds unknown customers when customers come last', () => {
    const { invoices, customers, ...rest } = smallArFile();
    customers.pop();
    const path = write('late-customers.json', JSON.stringify({ ...rest, invoices, customers }));
    expect(importArFile(database, path, NOW_MS)).toEqual({
      ok: false,
      error: [
        { path: 'invoices[2].customer', message: 'unknown customer "C200" (not in customers)' },
      ],
    });
  });

  it('reports broken JSON and unreadable files as problems of the file', () => {
    const broken = write('broken.json', '{"version": 1, "currency": "USD", "invoices": [ {');
    const truncated = importArFile(database, broken, NOW_MS);
    expect(truncated.ok ? [] : truncated.error.map((p) => p.path)).toEqual(['(file)']);
    const garbage = importArFile(database, write('garbage.json', '{"version": 1,, }'), NOW_MS);
    expect(garbage).toEqual({
      ok: false,
      error: [
        {
          path: '(file)',
          message: 'not valid JSON at line 1, column 15: expected a field name in double quotes',
        },
      ],
    });
    const missing = importArFile(database, join(dir, 'nope.json'), NOW_MS);
    expect(missing.ok ? '' : missing.error[0]?.message).toMatch(
      /^cannot read .*nope\.json: ENOENT$/,
    );
  });
});
