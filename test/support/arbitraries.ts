// Shared fast-check arbitraries for the write-off engine. Generated data respects the
// docs/ar-file-format.md import invariants (tax, retainage and finance charge are parts of due,
// with due's sign), so properties exercise what the sub-ledger can actually hold.
import { fc } from '@fast-check/vitest';
import type { CustomerOpenItems } from '../../src/domain/automatic.ts';
import { addDays } from '../../src/domain/dates.ts';
import type { Invoice, InvoiceLine, OnAccountItem } from '../../src/domain/types.ts';

/** Money of any realistic size, in minor units (up to ±10¹² keeps every sum safe). */
export const arbMinor = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });

export const arbCurrency = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD');

export type Sign = 1 | -1;
export const arbSign: fc.Arbitrary<Sign> = fc.constantFrom<Sign>(1, -1);

/** A part size: mostly small, sometimes zero, occasionally large. */
const arbPart = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 10_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_000_000_000 }) },
);

/** Line contents without a number: due = tax + retainage + FC + rest, all signed alike. */
export const arbLineBody = (sign: Sign) =>
  fc.tuple(arbPart, arbPart, arbPart, arbPart).map(([tax, retainage, fcPart, rest]) => ({
    description: 'generated',
    dueMinor: sign * (tax + retainage + fcPart + rest) + 0,
    taxMinor: sign * tax + 0,
    retainageMinor: sign * retainage + 0,
    financeChargeMinor: sign * fcPart + 0,
  }));

/** 1–6 lines numbered 1…n; `mixed` lets each line pick its own sign. */
export const arbLines = (sign: Sign | 'mixed'): fc.Arbitrary<InvoiceLine[]> =>
  fc
    .array(sign === 'mixed' ? arbSign.chain((s) => arbLineBody(s)) : arbLineBody(sign), {
      minLength: 1,
      maxLength: 6,
    })
    .map((bodies) => bodies.map((body, i) => ({ line: i + 1, ...body })));

const BASE_DATE = '2026-01-01';
/** Dates in the first half of 2026, so windows cut through them. */
export const arbDate = fc.integer({ min: 0, max: 180 }).map((days) => addDays(BASE_DATE, days));

export const arbInvoice = (
  options: { sign?: Sign | 'mixed'; customerId?: string; number?: string } = {},
): fc.Arbitrary<Invoice> =>
  fc
    .record({
      lines: arbLines(options.sign ?? 'mixed'),
      date: arbDate,
      suffix: fc.integer({ min: 1000, max: 9999 }),
    })
    .map(({ lines, date, suffix }) => ({
      number: options.number ?? String(suffix),
      customerId: options.customerId ?? 'C100',
      date,
      dueDate: date,
      lines,
    }));

/** An invoice with a non-zero open balance and an amount inside it (same sign, ≤ |balance|). */
export const arbInvoiceWithPartial = (sign: Sign | 'mixed' = 'mixed') =>
  arbInvoice({ sign })
    .filter((inv) => inv.lines.reduce((sum, l) => sum + l.dueMinor, 0) !== 0)
    .chain((inv) => {
      const openMinor = inv.lines.reduce((sum, l) => sum + l.dueMinor, 0);
      return fc
        .integer({ min: 1, max: Math.abs(openMinor) })
        .map((abs) => ({ invoice: inv, amountMinor: Math.sign(openMinor) * abs }));
    });

const arbOnAccount = (customerId: string): fc.Arbitrary<OnAccountItem> =>
  fc
    .record({
      id: fc.integer({ min: 1, max: 999 }).map((n) => `P-${n}`),
      date: arbDate,
      amountMinor: fc.integer({ min: -50_000, max: 50_000 }),
    })
    .map((item) => ({ ...item, customerId }));

/** One customer's open items; invoice numbers and on-account ids unique within it. */
export const arbCustomer = (customerId: string): fc.Arbitrary<CustomerOpenItems> =>
  fc
    .record({
      invoices: fc.uniqueArray(arbInvoice({ customerId }), {
        maxLength: 6,
        selector: (inv) => inv.number,
      }),
      onAccount: fc.uniqueArray(arbOnAccount(customerId), { maxLength: 3, selector: (o) => o.id }),
    })
    .map(({ invoices, onAccount }) => ({
      customerId,
      // Invoice numbers carry the customer so they stay unique across customers.
      invoices: invoices.map((inv) => ({ ...inv, number: `${customerId}-${inv.number}` })),
      onAccount: onAccount.map((o) => ({ ...o, id: `${customerId}-${o.id}` })),
    }));

/** 1–5 customers with distinct ids, in id order. */
export const arbCustomers: fc.Arbitrary<CustomerOpenItems[]> = fc
  .uniqueArray(fc.integer({ min: 100, max: 999 }), { minLength: 1, maxLength: 5 })
  .chain((ids) => fc.tuple(...[...ids].sort((a, b) => a - b).map((id) => arbCustomer(`C${id}`))));

/** The same customers in a random order, each with its invoices and on-account items shuffled. */
export const arbShuffledCustomers = (
  customers: readonly CustomerOpenItems[],
): fc.Arbitrary<CustomerOpenItems[]> => {
  const shuffled = <T>(list: readonly T[]) =>
    fc.shuffledSubarray([...list], { minLength: list.length });
  return fc
    .tuple(
      shuffled(customers),
      ...customers.map((c) => fc.tuple(shuffled(c.invoices), shuffled(c.onAccount))),
    )
    .map(([order, ...contents]) => {
      const byId = new Map(customers.map((c, i) => [c.customerId, contents[i]]));
      return order.map((c) => {
        const [invoices, onAccount] = byId.get(c.customerId) ?? [c.invoices, c.onAccount];
        return { ...c, invoices, onAccount };
      });
    });
};
