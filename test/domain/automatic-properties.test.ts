// Automatic runs: properties over generated customers and criteria (order independence, limits
// respected, balances never over-written).
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { openBalance } from '../../src/domain/allocation.ts';
import type { AutoCriteriaInput } from '../../src/domain/automatic.ts';
import { olderThanFromDays, previewAutomatic } from '../../src/domain/automatic.ts';
import { formatAmount } from '../../src/domain/money.ts';
import { arbCustomers, arbShuffledCustomers } from '../support/arbitraries.ts';
import { criteria, ctx } from './automatic-fixture.ts';

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
