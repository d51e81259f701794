// Automatic write-off runs (docs/write-off-rules.md#automatic-write-off): criteria validation.
// The date window and ranges are in automatic-window.test.ts, each rule type's runs in
// automatic-runs.test.ts, properties over generated customers in automatic-properties.test.ts.
// Amounts are minor units (25.00 = 2500).
import { describe, expect, it } from 'vitest';
import type { AutoCriteriaInput } from '../../src/domain/automatic.ts';
import { olderThanFromDays, validateAutoCriteria } from '../../src/domain/automatic.ts';
import { base, criteria, ctx } from './automatic-fixture.ts';

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
