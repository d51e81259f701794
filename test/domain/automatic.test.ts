// Automatic write-off runs (docs/write-off-rules.md#automatic-write-off): criteria validation, the
// date window and ranges, skips, and properties over generated customers. Amounts are minor units
// (25.00 = 2500).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { openBalance } from '../../src/domain/allocation.ts';
import type {
  AutoCriteria,
  AutoCriteriaInput,
  CustomerOpenItems,
} from '../../src/domain/automatic.ts';
import {
  olderThanFromDays,
  previewAutomatic,
  validateAutoCriteria,
} from '../../src/domain/automatic.ts';
import { formatAmount } from '../../src/domain/money.ts';
import { previewToJson } from '../../src/domain/preview.ts';
import type { Preview } from '../../src/domain/types.ts';
import { arbCustomers, arbShuffledCustomers } from '../support/arbitraries.ts';
import { DOCS_FC_PREVIEW } from '../support/docs-example.ts';
import { invoice, ledger, onAccount } from '../support/ledger-fixtures.ts';

const ctx = ledger();
const base: AutoCriteriaInput = {
  type: 'invoice-balance',
  value: '25.00',
  olderThan: '2026-04-01',
  period: '2026-06',
  date: '2026-06-15',
};

function criteria(overrides: Partial<AutoCriteriaInput> = {}, context = ctx): AutoCriteria {
  const result = validateAutoCriteria({ ...base, ...overrides }, context);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function run(
  overrides: Partial<AutoCriteriaInput>,
  customers: Iterable<CustomerOpenItems>,
  pending: Record<string, string> = {},
): Preview {
  return previewAutomatic(criteria(overrides), ctx, customers, (n) => pending[n]);
}

const written = (p: Preview) =>
  p.items.map((i) => (i.kind === 'invoice' ? i.invoice : `on-account ${i.onAccountId}`));

describe('validateAutoCriteria', () => {
  it.each([
    ['percent 100', { type: 'finance-charge', value: '100', fcPercent: 'all-lines' }],
    ['percent 0.01', { type: 'finance-charge', value: '0.01', fcPercent: 'from-line-1' }],
    ['FC value 0', { type: 'finance-charge', value: '0' }],
    ['FC account named explicitly', { type: 'finance-charge', value: '0', account: '7150' }],
    ['a negative balance value', { value: '-25.00' }],
    ['a start date before older-than', { startDate: '2026-03-31' }],
    ['ranges', { customers: { from: 'C100', to: 'C199' }, invoices: { from: '1000', to: '1000' } }],
  ] as [string, Partial<AutoCriteriaInput>][])('accepts %s', (_name, overrides) => {
    expect(validateAutoCriteria({ ...base, ...overrides }, ctx).ok).toBe(true);
  });

  it.each([
    [
      'percent 100.01',
      { type: 'finance-charge', value: '100.01', fcPercent: 'all-lines' },
      { kind: 'invalid_percent', text: '100.01' },
    ],
    [
      'percent 0',
      { type: 'finance-charge', value: '0', fcPercent: 'from-line-1' },
      { kind: 'invalid_percent', text: '0' },
    ],
    [
      'a negative percent',
      { type: 'finance-charge', value: '-5', fcPercent: 'all-lines' },
      { kind: 'invalid_percent', text: '-5' },
    ],
    [
      'a negative FC amount',
      { type: 'finance-charge', value: '-1.00' },
      { kind: 'negative_value', text: '-1.00' },
    ],
    [
      'a percentage option on invoice balance',
      { fcPercent: 'all-lines' },
      { kind: 'percent_option_not_allowed', type: 'invoice-balance' },
    ],
    [
      'an exponent',
      { value: '1e3' },
      { kind: 'invalid_amount', field: 'value', text: '1e3', problem: 'not_a_number', decimals: 2 },
    ],
    [
      'a closed period',
      { period: '2026-05' },
      { kind: 'period_closed', period: '2026-05', earliestOpen: '2026-06' },
    ],
    [
      'a bad older-than date',
      { olderThan: '2026-04-31' },
      { kind: 'invalid_date', field: 'olderThan', text: '2026-04-31' },
    ],
    [
      'start date equal to older-than',
      { startDate: '2026-04-01' },
      { kind: 'empty_date_window', startDate: '2026-04-01', olderThan: '2026-04-01' },
    ],
    [
      'a reversed customer range',
      { customers: { from: 'C2', to: 'C1' } },
      { kind: 'invalid_range', field: 'customers', from: 'C2', to: 'C1' },
    ],
    [
      'another account for finance charge',
      { type: 'finance-charge', value: '0', account: '7100' },
      { kind: 'account_not_allowed', account: '7100', fcAccount: '7150' },
    ],
    [
      'a non-write-off account',
      { account: '1200' },
      { kind: 'not_a_write_off_account', account: '1200', role: 'ar', field: 'account' },
    ],
    [
      'an unknown type',
      { type: 'bogus' as 'invoice-balance' },
      { kind: 'unknown_type', type: 'bogus' },
    ],
  ] as [string, Partial<AutoCriteriaInput>, object][])(
    'rejects %s',
    (_name, overrides, expected) => {
      expect(validateAutoCriteria({ ...base, ...overrides }, ctx)).toEqual({
        ok: false,
        error: [expected],
      });
    },
  );

  it('collects every problem at once', () => {
    const result = validateAutoCriteria(
      { ...base, value: '1.234', fcPercent: 'all-lines', date: 'today', period: 'x', account: '9' },
      ctx,
    );
    expect(result.ok ? [] : result.error.map((e) => e.kind)).toEqual([
      'percent_option_not_allowed',
      'invalid_amount',
      'invalid_date',
      'unknown_period',
      'unknown_account',
    ]);
  });

  it('keeps the absolute value of a balance limit and resolves the default account', () => {
    expect(criteria({ value: '-25.00' })).toMatchObject({
      rule: { type: 'invoice-balance', limitMinor: 2500 },
      account: '7100',
      valueText: '-25.00',
    });
  });

  it('turns "older than 90 days" into an exclusive date', () => {
    expect(olderThanFromDays('2026-06-15', 90)).toBe('2026-03-17');
  });
});

describe('window and ranges', () => {
  const customer: CustomerOpenItems = {
    customerId: 'C100',
    invoices: [
      invoice('1001', [[1000]], { date: '2026-01-31' }),
      invoice('1002', [[1000]], { date: '2026-02-01' }),
      invoice('1003', [[1000]], { date: '2026-03-31' }),
      invoice('1004', [[1000]], { date: '2026-04-01' }),
      invoice('1004A', [[1000]], { date: '2026-03-01' }),
    ],
    onAccount: [],
  };

  it('includes the start date and excludes the older-than date', () => {
    expect(written(run({ startDate: '2026-02-01' }, [customer]))).toEqual([
      '1002',
      '1003',
      '1004A',
    ]);
  });

  it('compares invoice ranges as text, inclusive at both ends', () => {
    expect(written(run({ invoices: { from: '1002', to: '1004' } }, [customer]))).toEqual([
      '1002',
      '1003',
    ]);
    expect(written(run({ invoices: { from: '1004', to: '1004B' } }, [customer]))).toEqual([
      '1004A',
    ]);
  });

  it('compares customer ranges as text, inclusive', () => {
    const other = (id: string): CustomerOpenItems => ({
      customerId: id,
      invoices: [invoice(`${id}-1`, [[500]], { customerId: id })],
      onAccount: [],
    });
    const preview = run({ customers: { from: 'C10', to: 'C200' } }, [
      other('C1'),
      other('C10'),
      other('C100'),
      other('C200'),
      other('C3'),
    ]);
    expect(written(preview)).toEqual(['C10-1', 'C100-1', 'C200-1']);
  });

  it('finishes each customer before reading the next one (streaming)', () => {
    const log: string[] = [];
    function* stream(): Generator<CustomerOpenItems> {
      for (const id of ['C1', 'C2']) {
        log.push(`read ${id}`);
        yield {
          customerId: id,
          invoices: [invoice(`${id}-1`, [[100]], { customerId: id })],
          onAccount: [],
        };
      }
    }
    previewAutomatic(criteria(), ctx, stream(), (n) => {
      log.push(`checked ${n}`);
      return undefined;
    });
    expect(log).toEqual(['read C1', 'checked C1-1', 'read C2', 'checked C2-1']);
  });

  it('reads customers lazily from a generator', () => {
    function* stream(): Generator<CustomerOpenItems> {
      yield customer;
    }
    expect(run({}, stream()).totalMinor).toBe(4000);
  });
});

describe('finance-charge runs', () => {
  const seedCustomer: CustomerOpenItems = {
    customerId: 'C100',
    invoices: [
      invoice('1001', [
        [13600, 0, 0, 3600],
        [12700, 0, 0, 2700],
        [14200, 0, 0, 4200],
      ]),
      invoice('1004', [[10000, 0, 0, 3600], [-20000]]),
      invoice('1005', [[10000, 0, 0, 500]]),
    ],
    onAccount: [onAccount('P-9', -6000)],
  };

  it('renders the docs/cli.md example: 52.50 poured, polarity skip, FC accounts', () => {
    const preview = run(
      { type: 'finance-charge', value: '50', fcPercent: 'from-line-1' },
      [seedCustomer],
      { '1005': 'WO-3' },
    );
    expect(previewToJson(preview)).toEqual({
      ...DOCS_FC_PREVIEW,
      skipped: [
        { customer: 'C100', invoice: '1004', reason: 'polarity' },
        { customer: 'C100', invoice: '1005', reason: 'pending_elsewhere' },
      ],
    });
    expect(preview.skipped[1]).toMatchObject({ requestId: 'WO-3' });
  });
});

describe('invoice-balance runs', () => {
  const small: CustomerOpenItems = {
    customerId: 'C100',
    invoices: [
      invoice('1', [[2500]]),
      invoice('2', [[-2500]]),
      invoice('3', [[2501]]),
      invoice('4', [[0]]),
    ],
    onAccount: [onAccount('P-1', -100)],
  };

  it.each(['25', '-25', '25.00'])(
    'at value %s writes off 25.00 and -25.00 but not 25.01',
    (value) => {
      const preview = run({ value }, [small]);
      expect(written(preview)).toEqual(['1', '2']);
      expect(preview.totalMinor).toBe(0);
      expect(preview.journal).toEqual([]);
    },
  );

  it('skips a qualifying invoice pending elsewhere, naming the request', () => {
    const preview = run({}, [small], { '2': 'WO-9', '3': 'WO-8' });
    expect(written(preview)).toEqual(['1']);
    expect(preview.skipped).toEqual([
      { customerId: 'C100', invoice: '2', reason: 'pending_elsewhere', requestId: 'WO-9' },
    ]);
  });

  it('works in yen', () => {
    const yen = { ...ledger('JPY') };
    const c = validateAutoCriteria({ ...base, value: '500' }, yen);
    if (!c.ok) throw new Error('criteria');
    const preview = previewAutomatic(
      c.value,
      yen,
      [
        {
          customerId: 'C1',
          invoices: [invoice('1', [[500, 45]], { customerId: 'C1' })],
          onAccount: [],
        },
      ],
      () => undefined,
    );
    expect(previewToJson(preview)).toMatchObject({
      total: '500',
      journal: [
        { account: '1200', credit: '500' },
        { account: '2200', debit: '45' },
        { account: '7100', debit: '455' },
      ],
    });
  });
});

describe('account-balance runs', () => {
  const account: CustomerOpenItems = {
    customerId: 'C100',
    invoices: [invoice('1001', [[10000]]), invoice('1002', [[1000]], { date: '2026-05-01' })],
    onAccount: [onAccount('P-9', -6000), onAccount('P-10', -999, { date: '2026-05-01' })],
  };

  it('writes off invoices and on-account items inside the window, ignoring the invoice range for on-account', () => {
    const preview = run(
      { type: 'account-balance', value: '40.00', invoices: { from: '1000', to: '1001' } },
      [account],
    );
    expect(written(preview)).toEqual(['1001', 'on-account P-9']);
    expect(preview.totalMinor).toBe(4000);
    expect(preview.journal).toEqual([
      { account: '1200', debitMinor: 0, creditMinor: 4000 },
      { account: '7100', debitMinor: 4000, creditMinor: 0 },
    ]);
  });

  it('writes off nothing when the net is one cent over', () => {
    expect(run({ type: 'account-balance', value: '39.99' }, [account]).items).toEqual([]);
  });

  it('skips the whole customer when an invoice is pending elsewhere', () => {
    const preview = run({ type: 'account-balance', value: '40.00' }, [account], { '1001': 'WO-1' });
    expect(preview.items).toEqual([]);
    expect(preview.skipped).toEqual([
      { customerId: 'C100', invoice: '1001', reason: 'pending_elsewhere', requestId: 'WO-1' },
    ]);
  });
});

const arbInput: fc.Arbitrary<AutoCriteriaInput> = fc
  .oneof(
    fc.record({
      type: fc.constant('finance-charge' as const),
      value: fc.integer({ min: 0, max: 100_000 }).map((m) => formatAmount(m, 'USD')),
    }),
    fc.record({
      type: fc.constant('finance-charge' as const),
      value: fc.integer({ min: 1, max: 10_000 }).map((p) => formatAmount(p, 'USD')),
      fcPercent: fc.constantFrom('all-lines' as const, 'from-line-1' as const),
    }),
    fc.record({
      type: fc.constantFrom('invoice-balance' as const, 'account-balance' as const),
      value: fc.integer({ min: -100_000, max: 100_000 }).map((m) => formatAmount(m, 'USD')),
    }),
  )
  .chain((value) =>
    fc
      .record({
        olderThan: fc.integer({ min: 0, max: 200 }),
        start: fc.option(fc.integer({ min: 0, max: 100 })),
      })
      .map(({ olderThan, start }) => ({
        ...value,
        olderThan: olderThanFromDays('2026-07-20', olderThan),
        ...(start === null
          ? {}
          : { startDate: olderThanFromDays('2026-07-20', olderThan + 1 + start) }),
        period: '2026-06',
        date: '2026-06-15',
      })),
  );

describe('properties', () => {
  test.prop(
    [arbInput, arbCustomers.chain((cs) => fc.tuple(fc.constant(cs), arbShuffledCustomers(cs)))],
    {
      numRuns: 1500,
    },
  )(
    'input order does not matter, the journal balances, and no line exceeds its due or flips sign',
    (input, [customers, shuffled]) => {
      const c = criteria(input);
      const preview = previewAutomatic(c, ctx, customers, () => undefined);
      expect(previewAutomatic(c, ctx, shuffled, () => undefined)).toEqual(preview);
      const debits = preview.journal.reduce((s, r) => s + r.debitMinor, 0);
      expect(debits).toBe(preview.journal.reduce((s, r) => s + r.creditMinor, 0));
      const dues = new Map(
        customers.flatMap((cu) =>
          cu.invoices.flatMap((i) => i.lines.map((l) => [`${i.number}/${l.line}`, l] as const)),
        ),
      );
      for (const item of preview.items) {
        if (item.kind !== 'invoice') continue;
        for (const line of item.lines) {
          const source = dues.get(`${item.invoice}/${line.line}`);
          const dueMinor = source?.dueMinor ?? 0;
          expect(Math.abs(line.amountMinor)).toBeLessThanOrEqual(Math.abs(dueMinor));
          expect(Math.sign(line.amountMinor)).toBe(Math.sign(dueMinor));
          if (c.type === 'finance-charge') {
            expect(Math.abs(line.financeChargeMinor)).toBeLessThanOrEqual(
              Math.abs(source?.financeChargeMinor ?? 0),
            );
          }
        }
      }
    },
  );

  test.prop([arbCustomers, fc.integer({ min: 0, max: 200_000 })], { numRuns: 1500 })(
    'account balance writes off exactly the net balance of each customer, or nothing',
    (customers, limitMinor) => {
      const c = criteria({
        type: 'account-balance',
        value: formatAmount(limitMinor, 'USD'),
        olderThan: '2026-04-01',
      });
      const preview = previewAutomatic(c, ctx, customers, () => undefined);
      for (const customer of customers) {
        const inWindow = (date: string) => date < '2026-04-01';
        const netMinor =
          customer.invoices
            .filter((i) => inWindow(i.date))
            .reduce((s, i) => s + openBalance(i), 0) +
          customer.onAccount.filter((o) => inWindow(o.date)).reduce((s, o) => s + o.amountMinor, 0);
        const writtenMinor = preview.items
          .filter((i) => i.customerId === customer.customerId)
          .reduce((s, i) => s + i.totalMinor, 0);
        const anyItem = preview.items.some((i) => i.customerId === customer.customerId);
        if (anyItem) {
          expect(writtenMinor).toBe(netMinor);
          expect(Math.abs(netMinor)).toBeLessThanOrEqual(limitMinor);
        } else {
          expect(writtenMinor).toBe(0);
        }
      }
    },
  );

  test.prop([arbInput, arbCustomers, fc.integer({ min: 2, max: 4 })], { numRuns: 1000 })(
    'a held invoice is never written off; each held one that would be is reported with its request',
    (input, customers, modulus) => {
      const c = criteria(input);
      const free = previewAutomatic(c, ctx, customers, () => undefined);
      const holder = (n: string) =>
        [...n].reduce((s, ch) => s + ch.charCodeAt(0), 0) % modulus === 0 ? `WO-${n}` : undefined;
      const held = previewAutomatic(c, ctx, customers, holder);
      const writtenHeld = held.items.filter(
        (i) => i.kind === 'invoice' && holder(i.invoice) !== undefined,
      );
      expect(writtenHeld).toEqual([]);
      for (const s of held.skipped.filter((x) => x.reason === 'pending_elsewhere')) {
        expect(s.requestId).toBe(holder(s.invoice));
      }
      if (c.type !== 'account-balance') {
        const expected = free.items.flatMap((i) =>
          i.kind === 'invoice' && holder(i.invoice) !== undefined ? [i.invoice] : [],
        );
        const reported = held.skipped
          .filter((x) => x.reason === 'pending_elsewhere')
          .map((x) => x.invoice);
        expect(reported).toEqual(expected);
      }
    },
  );
});
