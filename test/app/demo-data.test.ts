// The demo ledger: deterministic, realistic, and a clean import.
import { describe, expect, it } from 'vitest';
import { buildDemoArFile, DEMO_BIG_CUSTOMER, seededRandom } from '../../src/app/demo-data.ts';
import { importArFile } from '../../src/app/import-ar-file.ts';
import { listOpenPeriods, listPeriods } from '../../src/db/repos/accounts.ts';
import { listOpenInvoices } from '../../src/db/repos/invoices.ts';
import { createTestStore, testTx } from '../support/backend.ts';
import { NOW_MS } from '../support/db.ts';

const TODAY = '2026-06-15';
const file = buildDemoArFile(TODAY);
const lines = file.invoices.flatMap((i) => i.lines);
const nonZero = (text: string | undefined) => text !== undefined && !/^-?0\.00$/.test(text);

describe('buildDemoArFile', () => {
  it('is deterministic for a given today', () => {
    expect(buildDemoArFile(TODAY)).toEqual(file);
    expect(buildDemoArFile('2026-07-01')).not.toEqual(file);
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('has ~40 customers, ~600 invoices, and one customer with over 300', () => {
    expect(file.customers).toHaveLength(40);
    expect(file.invoices).toHaveLength(600);
    const perCustomer = new Map<string, number>();
    for (const i of file.invoices)
      perCustomer.set(i.customer, (perCustomer.get(i.customer) ?? 0) + 1);
    const over300 = [...perCustomer].filter(([, n]) => n > 300).map(([id]) => id);
    expect(over300).toEqual([DEMO_BIG_CUSTOMER]);
    expect(perCustomer.size).toBeGreaterThan(30);
  });

  it('spreads invoices over several months before today', () => {
    const months = new Set(file.invoices.map((i) => i.date.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    expect(file.invoices.every((i) => i.date < TODAY)).toBe(true);
  });

  it('has finance charges, retainage, tax, credit invoices and on-account payments', () => {
    expect(lines.filter((l) => nonZero(l.financeCharge)).length).toBeGreaterThan(20);
    expect(lines.filter((l) => nonZero(l.retainage)).length).toBeGreaterThan(20);
    expect(lines.filter((l) => nonZero(l.tax)).length).toBeGreaterThan(100);
    const credits = file.invoices.filter((i) => i.lines.every((l) => l.due.startsWith('-')));
    expect(credits.length).toBeGreaterThan(10);
    expect(file.onAccount?.length).toBeGreaterThan(10);
    expect(file.onAccount?.every((p) => p.amount.startsWith('-'))).toBe(true);
    expect(lines.some((l) => l.due === '-0.00' || l.tax === '-0.00')).toBe(false);
  });

  it('has the previous month closed and this month and next open', () => {
    expect(file.periods).toEqual([
      { name: '2026-05', start: '2026-05-01', end: '2026-05-31', closed: true },
      { name: '2026-06', start: '2026-06-01', end: '2026-06-30', closed: false },
      { name: '2026-07', start: '2026-07-01', end: '2026-07-31', closed: false },
    ]);
    expect(buildDemoArFile('2027-01-31').periods.map((p) => p.name)).toEqual([
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
  });

  it('imports cleanly', () => {
    const database = createTestStore();
    const result = importArFile(database, file, NOW_MS);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.invoices.inserted).toBe(600);
    expect(listOpenInvoices(testTx(database), DEMO_BIG_CUSTOMER).length).toBeGreaterThan(300);
    expect(listPeriods(testTx(database))).toHaveLength(3);
    expect(listOpenPeriods(testTx(database)).map((p) => p.name)).toEqual(['2026-06', '2026-07']);
  });
});
