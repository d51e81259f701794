// The repositories return domain values that round-trip what the import wrote, and the
// schema's constraints refuse rows the sub-ledger must never hold.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  getPeriod,
  getPostingAccounts,
  listOpenPeriods,
  loadLedgerContext,
} from '../../src/db/accounts.repo.ts';
import type { Database } from '../../src/db/client.ts';
import { customerBalance, getCustomer, searchCustomers } from '../../src/db/customers.repo.ts';
import {
  getInvoice,
  getInvoiceLocks,
  getOnAccountLocks,
  getOnAccountVersions,
  listOnAccountItems,
  listOpenInvoices,
} from '../../src/db/invoices.repo.ts';
import { iterateCustomerOpenItems } from '../../src/db/open-items.repo.ts';
import { getLedgerSettings } from '../../src/db/settings.repo.ts';
import { txOf } from '../../src/db/sqlite-store.ts';
import {
  createImportedDatabase,
  createTestDatabase,
  importFixture,
  insertPendingRequest,
  smallArFile,
} from '../support/db.ts';

let database: Database;

beforeEach(() => {
  database = createImportedDatabase();
});

describe('ledger context', () => {
  it('reads settings, posting accounts and periods', () => {
    expect(getLedgerSettings(txOf(database))).toEqual({
      currency: 'USD',
      timezone: 'America/New_York',
    });
    expect(getPostingAccounts(txOf(database))).toEqual({
      ar: '1200',
      arRetainage: '1210',
      fcReceivable: '1250',
      taxPayable: '2200',
      fcWriteOff: '7150',
      defaultWriteOff: '7100',
    });
    expect(listOpenPeriods(txOf(database)).map((p) => p.name)).toEqual(['2026-06', '2026-07']);
    expect(getPeriod(txOf(database), '2026-05')).toEqual({
      name: '2026-05',
      start: '2026-05-01',
      end: '2026-05-31',
      closed: true,
    });
    expect(loadLedgerContext(txOf(database))?.accounts).toHaveLength(7);
  });

  it('is null before the first import', () => {
    const empty = createTestDatabase();
    expect(loadLedgerContext(txOf(empty))).toBeNull();
    expect(getLedgerSettings(txOf(empty))).toBeNull();
  });
});

describe('customers', () => {
  it('gets one by id, or null', () => {
    expect(getCustomer(txOf(database), 'C100')).toEqual({ id: 'C100', name: 'Acme Builders' });
    expect(getCustomer(txOf(database), 'C999')).toBeNull();
  });

  it('searches by id prefix, name prefix and name substring, with balances', () => {
    expect(searchCustomers(txOf(database), 'C1', 10)).toEqual([
      {
        id: 'C100',
        name: 'Acme Builders',
        invoicesOpenMinor: 14300 + 50000,
        onAccountMinor: -6000,
        balanceMinor: 58300,
      },
    ]);
    expect(searchCustomers(txOf(database), 'bolt', 10).map((c) => c.id)).toEqual(['C200']);
    expect(searchCustomers(txOf(database), 'NUT', 10).map((c) => c.id)).toEqual(['C200']);
    expect(searchCustomers(txOf(database), '', 10).map((c) => c.id)).toEqual(['C100', 'C200']);
    expect(searchCustomers(txOf(database), 'C', 1)).toHaveLength(1);
    expect(searchCustomers(txOf(database), '%', 10)).toEqual([]);
  });

  it('sums the balance of a customer', () => {
    expect(customerBalance(txOf(database), 'C200')).toEqual({
      invoicesOpenMinor: -2550,
      onAccountMinor: 0,
      balanceMinor: -2550,
    });
  });
});

describe('invoices and on-account items', () => {
  it('round-trip as domain values', () => {
    expect(getInvoice(txOf(database), '1001')).toEqual({
      number: '1001',
      customerId: 'C100',
      date: '2026-03-01',
      dueDate: '2026-03-31',
      lines: [
        {
          line: 1,
          description: 'Framing',
          dueMinor: 10700,
          taxMinor: 700,
          retainageMinor: 0,
          financeChargeMinor: 0,
        },
        {
          line: 2,
          description: 'Late fee',
          dueMinor: 3600,
          taxMinor: 0,
          retainageMinor: 0,
          financeChargeMinor: 3600,
        },
      ],
    });
    expect(getInvoice(txOf(database), 'nope')).toBeNull();
    expect(listOpenInvoices(txOf(database), 'C100').map((i) => [i.number, i.lines.length])).toEqual(
      [
        ['1001', 2],
        ['1002', 1],
      ],
    );
    expect(listOnAccountItems(txOf(database), 'C100')).toEqual([
      { id: 'P-9', customerId: 'C100', date: '2026-03-05', amountMinor: -6000 },
    ]);
    expect(getOnAccountVersions(txOf(database), ['P-9', 'P-0'])).toEqual(new Map([['P-9', 1]]));
  });

  it('leaves settled invoices out of the open lists', () => {
    const file = smallArFile();
    file.invoices = file.invoices.filter((i) => i.number !== '1001');
    importFixture(database, file);
    expect(listOpenInvoices(txOf(database), 'C100').map((i) => i.number)).toEqual(['1002']);
  });

  it('streams open items one customer at a time, filtered like an automatic run', () => {
    const all = [...iterateCustomerOpenItems(txOf(database))];
    expect(
      all.map((c) => [c.customerId, c.invoices.map((i) => i.number), c.onAccount.length]),
    ).toEqual([
      ['C100', ['1001', '1002'], 1],
      ['C200', ['1003'], 0],
    ]);
    const window = [
      ...iterateCustomerOpenItems(txOf(database), {
        dateFrom: '2026-03-02',
        dateBefore: '2026-04-10',
        invoiceFrom: '1002',
        invoiceTo: '1002',
      }),
    ];
    expect(window).toEqual([
      expect.objectContaining({
        customerId: 'C100',
        invoices: [expect.objectContaining({ number: '1002' })],
        onAccount: [expect.objectContaining({ id: 'P-9' })],
      }),
    ]);
    const customerRange = [
      ...iterateCustomerOpenItems(txOf(database), { customerFrom: 'C2', includeOnAccount: false }),
    ];
    expect(customerRange.map((c) => c.customerId)).toEqual(['C200']);
  });
});

describe('constraints', () => {
  const run =
    (sql: string, ...args: unknown[]) =>
    () =>
      database.sqlite.prepare(sql).run(...args);

  it('allow one default write-off account only', () => {
    expect(run(`UPDATE accounts SET is_default = 1 WHERE code = '7160'`)).toThrow(
      /UNIQUE constraint failed: accounts.role/,
    );
    expect(run(`UPDATE accounts SET is_default = 1 WHERE code = '1200'`)).toThrow(
      /accounts_default_is_write_off_check/,
    );
  });

  it('refuse line parts larger than due or with the wrong sign', () => {
    const line = `INSERT INTO invoice_lines (invoice_number, line, description, due_minor, tax_minor,
      retainage_minor, finance_charge_minor) VALUES ('1001', ?, '', ?, ?, ?, ?)`;
    expect(run(line, 3, 100, 60, 50, 0)).toThrow(/invoice_lines_parts_check/);
    expect(run(line, 4, -100, 10, 0, 0)).toThrow(/invoice_lines_parts_check/);
    expect(run(line, 5, -100, -10, -20, -70)).not.toThrow();
  });

  it('keep an invoice in at most one pending request', () => {
    insertPendingRequest(database, {
      id: 'WO-000001',
      customerId: 'C100',
      invoices: ['1001'],
      onAccount: ['P-9'],
    });
    expect(getInvoiceLocks(txOf(database))).toEqual(new Map([['1001', 'WO-000001']]));
    expect(getOnAccountLocks(txOf(database))).toEqual(new Map([['P-9', 'WO-000001']]));
    expect(() =>
      insertPendingRequest(database, { id: 'WO-000002', customerId: 'C100', invoices: ['1001'] }),
    ).toThrow(/UNIQUE constraint failed: request_invoice_locks.invoice_number/);
  });

  it('refuse an approver who is the requester, and a rejection without a reason', () => {
    insertPendingRequest(database, { id: 'WO-000001', customerId: 'C100', requester: 'U1' });
    expect(run(`UPDATE write_off_requests SET approver = 'U1'`)).toThrow(
      /write_off_requests_approver_check/,
    );
    expect(run(`UPDATE write_off_requests SET status = 'rejected'`)).toThrow(
      /write_off_requests_rejection_check/,
    );
    expect(run(`UPDATE write_off_requests SET status = 'lost'`)).toThrow(
      /write_off_requests_status_check/,
    );
  });
});
