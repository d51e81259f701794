// Random automatic-run criteria for the prefilter oracle (preview-prefilter.test.ts): every rule
// type, dates, customer and invoice ranges, and amounts that land exactly on a ledger's balances.
import { fc } from '@fast-check/vitest';
import type { AppDeps } from '../../src/app/deps.ts';
import type { AutoCriteriaInput, AutoType } from '../../src/domain/automatic.ts';
import { formatAmount } from '../../src/domain/money.ts';
import { sqlColumn } from '../support/backend.ts';
import { TODAY } from './prefilter-ledgers.ts';

export const CUSTOMER_IDS = [
  'C100',
  'C105',
  'C11',
  'C110',
  'C130',
  'C2',
  'C250',
  'C300',
  'C420',
  'C490',
  'D',
];
const INVOICE_NUMBERS = [
  '1',
  '10001',
  '10050',
  '10200',
  '10321',
  '10599',
  '2',
  'X001',
  'X004',
  'Y',
];

/** Older-than dates at which the test draws exact customer nets. */
export const NET_DATES = ['2026-01-01', '2026-03-01', '2026-04-01', '2026-06-20'];

/** Every customer's net |Σ| of the items dated before `olderThan` (account-balance boundaries). */
export function customerNets(deps: AppDeps, olderThan: string): number[] {
  return sqlColumn(
    deps.store,
    `SELECT abs(sum(a)) FROM (
         SELECT customer_id AS c, open_minor AS a FROM invoices WHERE invoice_on < ?
         UNION ALL SELECT customer_id, amount_minor FROM on_account_items WHERE item_on < ?) AS t
       GROUP BY c ORDER BY c`,
    olderThan,
    olderThan,
  ) as number[];
}

/** Every invoice balance (invoice-balance boundaries) across the given ledgers. */
export function exactMinors(ledgers: AppDeps[]): number[] {
  return [
    ...new Set(
      ledgers.flatMap(
        (deps) =>
          sqlColumn(
            deps.store,
            'SELECT DISTINCT abs(open_minor) FROM invoices ORDER BY 1',
          ) as number[],
      ),
    ),
  ];
}

const arbDate = fc.oneof(
  fc
    .integer({ min: 0, max: 330 })
    .map((days) => new Date(Date.UTC(2025, 7, 1) + days * 86_400_000).toISOString().slice(0, 10)),
  fc.constantFrom(...NET_DATES),
);

export const arbRange = (values: readonly string[]) =>
  fc.option(
    fc
      .tuple(fc.constantFrom(...values), fc.constantFrom(...values))
      .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
    { nil: undefined },
  );

/** Criteria of every type, with amounts near zero, large, and at `exactMinor` (either sign). */
export function arbCriteriaOver(exactMinor: number[]): fc.Arbitrary<AutoCriteriaInput> {
  const arbAmountText = fc
    .oneof(
      fc.integer({ min: -5_000, max: 5_000 }),
      fc.integer({ min: -500_000, max: 500_000 }),
      fc.integer({ min: -50_000_000, max: 50_000_000 }),
      fc.constantFrom(...exactMinor),
      fc.constantFrom(...exactMinor).map((m) => -m),
    )
    .map((minor) => formatAmount(minor, 'USD'));
  const arbValue = fc.oneof(
    fc.record({
      type: fc.constantFrom<AutoType>('invoice-balance', 'account-balance'),
      value: arbAmountText,
    }),
    fc.record({
      type: fc.constant<AutoType>('finance-charge'),
      value: arbAmountText.map((t) => t.replace('-', '')),
    }),
    fc.record({
      type: fc.constant<AutoType>('finance-charge'),
      value: fc.integer({ min: 1, max: 100 }).map(String),
      fcPercent: fc.constantFrom('all-lines' as const, 'from-line-1' as const),
    }),
  );
  return fc
    .record({
      rule: arbValue,
      olderThan: arbDate,
      startDate: fc.option(arbDate, { nil: undefined }),
      customers: arbRange(CUSTOMER_IDS),
      invoices: arbRange(INVOICE_NUMBERS),
    })
    .map(({ rule, startDate, customers, invoices, olderThan }) => ({
      ...rule,
      olderThan,
      period: '2026-06',
      date: TODAY,
      ...(startDate !== undefined && startDate < olderThan && { startDate }),
      ...(customers !== undefined && { customers }),
      ...(invoices !== undefined && { invoices }),
    }));
}
