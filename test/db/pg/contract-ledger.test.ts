// Ledger reads answer alike on SQLite and PostgreSQL: settings, chart and periods, customers
// with the type-ahead (ADR 235's steps and order), invoices and their versions and locks.
import { expect } from 'vitest';
import * as sqliteAccounts from '../../../src/db/accounts.repo.ts';
import * as sqliteCustomers from '../../../src/db/customers.repo.ts';
import * as sqliteInvoices from '../../../src/db/invoices.repo.ts';
import * as pgAccounts from '../../../src/db/pg/accounts.repo.ts';
import * as pgCustomers from '../../../src/db/pg/customers.repo.ts';
import * as pgInvoices from '../../../src/db/pg/invoices.repo.ts';
import * as pgSettings from '../../../src/db/pg/settings.repo.ts';
import * as sqliteSettings from '../../../src/db/settings.repo.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE } from './contract-fixture.ts';

const SETTINGS = pair(sqliteSettings, pgSettings, [
  'getSetting',
  'putSetting',
  'getLedgerSettings',
]);
const ACCOUNTS = pair(sqliteAccounts, pgAccounts, [
  'listAccounts',
  'getPostingAccounts',
  'listPeriods',
  'listOpenPeriods',
  'getPeriod',
  'loadLedgerContext',
]);
const CUSTOMERS = pair(sqliteCustomers, pgCustomers, [
  'getCustomer',
  'getCustomers',
  'searchCustomers',
  'customerBalance',
  'customerBalances',
]);
const INVOICES = pair(sqliteInvoices, pgInvoices, [
  'countOpenInvoices',
  'getInvoice',
  'listOpenInvoices',
  'listOnAccountItems',
  'getOnAccountItem',
  'getInvoiceVersions',
  'getOnAccountVersions',
  'getInvoiceLocks',
  'getOnAccountLocks',
  'searchInvoiceNumbers',
]);

const ids = (hits: readonly { id: string }[]) => hits.map((h) => h.id);

contract('ledger reads', LEDGER_FIXTURE, (test) => {
  test('reads and replaces settings', async (s) => {
    const settings = s.bind(SETTINGS);
    expect(await settings.getLedgerSettings()).toEqual({
      currency: 'EUR',
      timezone: 'Europe/Berlin',
    });
    await settings.putSetting('currency', 'USD');
    await settings.putSetting('health_probe_at_ms', '1');
    expect(await settings.getSetting('currency')).toBe('USD');
    expect(await settings.getSetting('missing')).toBeNull();
  });

  test('lists the active chart, the periods and the ledger context', async (s) => {
    const accounts = s.bind(ACCOUNTS);
    expect((await accounts.listAccounts()).map((a) => [a.code, a.isDefault])).toEqual([
      ['1200', false],
      ['1210', false],
      ['1220', false],
      ['2400', false],
      ['6800', true],
      ['6810', false],
    ]);
    expect((await accounts.listOpenPeriods()).map((p) => p.name)).toEqual(['2026-06', '2026-07']);
    expect(await accounts.getPeriod('2026-05')).toEqual({
      name: '2026-05',
      start: '2026-05-01',
      end: '2026-05-31',
      closed: true,
    });
    expect(await accounts.getPeriod('1999-01')).toBeNull();
    const context = await accounts.loadLedgerContext();
    expect(context?.currency).toBe('EUR');
    expect(context?.postingAccounts).toEqual(await accounts.getPostingAccounts());
    expect(context?.periods).toHaveLength(3);
  });

  test('finds customers by id prefix, in any case, by name prefix and by fragment', async (s) => {
    const customers = s.bind(CUSTOMERS);
    expect(ids(await customers.searchCustomers('C00', 10))).toEqual(['C001', 'C002', 'c003']);
    expect(ids(await customers.searchCustomers('c0', 10))).toEqual([
      'c003',
      'C001',
      'C002',
      'C010',
    ]);
    expect(ids(await customers.searchCustomers('acme', 10))).toEqual(['c003', 'C001', 'C010']);
    expect(ids(await customers.searchCustomers('  CME ', 10))).toEqual(['c003', 'C001', 'C010']);
    expect(ids(await customers.searchCustomers('ol', 10))).toEqual([]);
    expect(ids(await customers.searchCustomers('_100%', 10))).toEqual(['D001']);
    expect(ids(await customers.searchCustomers('00%', 10))).toEqual(['D001']);
    expect(ids(await customers.searchCustomers('éclair', 10))).toEqual(['X9']);
    expect(ids(await customers.searchCustomers('c', 2))).toEqual(['c003', 'C001']);
  });

  test('gives each hit its balances', async (s) => {
    const customers = s.bind(CUSTOMERS);
    expect(await customers.searchCustomers('C001', 1)).toEqual([
      {
        id: 'C001',
        name: 'Acme Holdings',
        invoicesOpenMinor: 12_500,
        onAccountMinor: -250,
        balanceMinor: 12_250,
      },
    ]);
    expect(await customers.customerBalance('nobody')).toEqual({
      invoicesOpenMinor: 0,
      onAccountMinor: 0,
      balanceMinor: 0,
    });
    // Several at once, in one statement: the same figures; unknown ids have no invoices.
    const many = await customers.customerBalances(['C001', 'nobody', 'c003']);
    expect(many.get('C001')).toEqual(await customers.customerBalance('C001'));
    expect(many.get('nobody')).toEqual(await customers.customerBalance('nobody'));
    expect(many.get('c003')).toEqual(await customers.customerBalance('c003'));
    expect(many.size).toBe(3);
    expect((await customers.customerBalances([])).size).toBe(0);
    expect(await customers.getCustomer('c003')).toEqual({ id: 'c003', name: 'acme east' });
    expect(await customers.getCustomer('C003')).toBeNull();
    expect(await customers.getCustomers(['c003', 'C003', 'C001'])).toEqual([
      { id: 'c003', name: 'acme east' },
      { id: 'C001', name: 'Acme Holdings' },
    ]);
    expect(await customers.getCustomers([])).toEqual([]);
  });

  test('reads invoices, open items and on-account items', async (s) => {
    const invoices = s.bind(INVOICES);
    expect(await invoices.countOpenInvoices()).toBe(5);
    const open = await invoices.listOpenInvoices('C002');
    expect(open.map((i) => i.number)).toEqual(['inv-003']);
    expect(open[0]?.lines).toEqual([
      {
        line: 1,
        description: 'Work',
        dueMinor: 7000,
        taxMinor: 0,
        retainageMinor: 700,
        financeChargeMinor: 0,
      },
    ]);
    expect((await invoices.getInvoice('INV-001'))?.lines.map((l) => l.line)).toEqual([1, 2]);
    expect((await invoices.getInvoice('INV-004'))?.lines).toHaveLength(1);
    expect(await invoices.getInvoice('nope')).toBeNull();
    expect(await invoices.listOnAccountItems('C002')).toEqual([]);
    expect(await invoices.listOnAccountItems('C001')).toEqual([
      { id: 'OA-1', customerId: 'C001', date: '2026-02-15', amountMinor: -250 },
    ]);
    expect(await invoices.getOnAccountItem('OA-2')).toMatchObject({ amountMinor: 0 });
  });

  test('reads versions and the pending locks', async (s) => {
    const invoices = s.bind(INVOICES);
    expect(await invoices.getInvoiceVersions(['INV-001', 'nope', 'inv-003'])).toEqual(
      new Map([
        ['INV-001', 1],
        ['inv-003', 1],
      ]),
    );
    expect(await invoices.getOnAccountVersions(['OA-2'])).toEqual(new Map([['OA-2', 2]]));
    expect(await invoices.getInvoiceLocks()).toEqual(
      new Map([
        ['INV-001', 'WO-000003'],
        ['inv-003', 'WO-000002'],
      ]),
    );
    expect(await invoices.getOnAccountLocks()).toEqual(new Map([['OA-3', 'WO-000002']]));
  });

  test('finds invoice numbers by prefix in any ASCII case', async (s) => {
    const invoices = s.bind(INVOICES);
    expect(await invoices.searchInvoiceNumbers('inv-00', 10)).toEqual([
      'INV-001',
      'INV-002',
      'inv-003',
      'INV-004',
    ]);
    expect(await invoices.searchInvoiceNumbers('INV-0', 2)).toEqual(['INV-001', 'INV-002']);
    expect(await invoices.searchInvoiceNumbers('x', 10)).toEqual([]);
  });
});
