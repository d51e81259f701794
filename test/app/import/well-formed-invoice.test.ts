// The invoice fast path must accept only what the full schema check accepts, and return the same
// invoice; anything it declines goes to the full check, which owns every problem message.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkInvoiceBySchema } from '../../../src/app/import/ar-file-schema.ts';
import { wellFormedInvoice } from '../../../src/app/import/well-formed-invoice.ts';

const amount = fc.oneof(
  fc.constantFrom('0', '0.00', '10.00', '-5.50', '1.005', ' 1.00', '1e3', '', '-0', '007.1'),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => (n / 100).toFixed(2)),
  fc.integer({ min: 0, max: 99_999 }).map(String),
  fc.constant(12.5),
  fc.constant(undefined),
);
const dateText = fc.oneof(
  fc.constantFrom('2026-02-28', '2026-02-30', '2024-02-29', '2026-1-05', ' 2026-01-05', ''),
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const label = fc.oneof(
  fc.constantFrom('INV-1', ' C1 ', '   ', '', 'C\u00a0', 'x'),
  fc.string({ maxLength: 6 }),
  fc.constant(7),
);
const line = fc.record(
  {
    line: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(1.5), fc.constant('1')),
    description: fc.oneof(fc.string({ maxLength: 4 }), fc.constant(3)),
    due: amount,
    tax: amount,
    retainage: amount,
    financeCharge: amount,
    extra: fc.constant(true),
  },
  { requiredKeys: ['line', 'due'] },
);
const invoice = fc.record(
  {
    number: label,
    customer: label,
    date: dateText,
    dueDate: dateText,
    lines: fc.oneof(fc.array(line, { maxLength: 5 }), fc.constant('x')),
    memo: fc.constant('?'),
  },
  { requiredKeys: [] },
);

describe('wellFormedInvoice', () => {
  test.prop([invoice, fc.constantFrom('USD', 'JPY', 'BHD')], { numRuns: 3000 })(
    'returns what the schema check returns, or leaves the invoice to it',
    (raw, currency) => {
      const quick = wellFormedInvoice(raw, currency);
      if (quick === undefined) return;
      expect(checkInvoiceBySchema('invoices[0]', raw, currency)).toEqual({
        value: quick,
        problems: [],
      });
    },
  );

  const cents = fc.integer({ min: 0, max: 50_000 });
  const validLine = fc
    .tuple(cents, cents, cents, fc.boolean())
    .map(([tax, retainage, due, credit]) => {
      const sign = credit ? '-' : '';
      const text = (minor: number) => `${minor === 0 ? '' : sign}${(minor / 100).toFixed(2)}`;
      return { due: text(tax + retainage + due), tax: text(tax), retainage: text(retainage) };
    });
  const validInvoice = fc.record({
    number: fc.constantFrom('INV-1', ' INV-2'),
    customer: fc.constantFrom('C1', 'C2 '),
    date: fc.constantFrom('2026-02-28', '2024-02-29'),
    dueDate: fc.constantFrom('2026-03-31', '2030-12-01'),
    lines: fc.array(validLine, { minLength: 1, maxLength: 5 }).chain((lines) =>
      fc
        .shuffledSubarray([1, 2, 3, 4, 5, 6], {
          minLength: lines.length,
          maxLength: lines.length,
        })
        .map((numbers) => lines.map((l, i) => ({ line: numbers[i], ...l }))),
    ),
  });
  test.prop([validInvoice], { numRuns: 500 })('takes every valid invoice itself', (raw) => {
    const quick = wellFormedInvoice(raw, 'USD');
    expect(quick).toBeDefined();
    expect(checkInvoiceBySchema('invoices[0]', raw, 'USD')).toEqual({ value: quick, problems: [] });
  });

  const odd = fc.constantFrom(undefined, null, '', ' ', '1.005', '-0.00', '1e2', 3, 1.5, 0, [], {});
  const invoiceKey = fc.constantFrom('number', 'customer', 'date', 'dueDate', 'lines', 'memo');
  const lineKey = fc.constantFrom('line', 'description', 'due', 'tax', 'retainage', 'x');
  const currency = fc.constantFrom('USD', 'JPY');
  test.prop([validInvoice, fc.boolean(), invoiceKey, lineKey, odd, currency], { numRuns: 3000 })(
    'declines a valid invoice with one odd value, or agrees with the schema about it',
    (raw, inLine, key, keyOfLine, value, currency) => {
      const line = raw.lines[0] as Record<string, unknown>;
      if (inLine) line[keyOfLine] = value;
      else (raw as Record<string, unknown>)[key] = value;
      const quick = wellFormedInvoice(raw, currency);
      if (quick === undefined) return;
      expect(checkInvoiceBySchema('invoices[0]', raw, currency)).toEqual({
        value: quick,
        problems: [],
      });
    },
  );

  it('takes the usual invoice itself: trimmed text, lines sorted, absent parts zero', () => {
    const raw = JSON.parse(`{"number":" INV-7 ","customer":"C1","date":"2026-05-01",
      "dueDate":"2026-05-31","lines":[{"line":2,"due":"5.00","tax":"0.50"},
      {"line":1,"description":"Work","due":"-3.10","retainage":"-1.00","financeCharge":"0.00"}]}`);
    const quick = wellFormedInvoice(raw, 'USD');
    expect(quick).toEqual(checkInvoiceBySchema('invoices[0]', raw, 'USD').value);
    expect(quick?.number).toBe('INV-7');
    expect(quick?.lines.map((l) => l.line)).toEqual([1, 2]);
  });

  it('leaves a repeated line number, a part of the wrong sign and an unknown key to the schema', () => {
    const base = { number: 'I', customer: 'C', date: '2026-05-01', dueDate: '2026-05-31' };
    const twice = [
      { line: 1, due: '1.00' },
      { line: 1, due: '2.00' },
    ];
    expect(wellFormedInvoice({ ...base, lines: twice }, 'USD')).toBeUndefined();
    const wrongSign = [{ line: 1, due: '1.00', tax: '-0.10' }];
    expect(wellFormedInvoice({ ...base, lines: wrongSign }, 'USD')).toBeUndefined();
    const unknown = [{ line: 1, due: '1.00' }];
    expect(wellFormedInvoice({ ...base, lines: unknown, memo: 'x' }, 'USD')).toBeUndefined();
    const proto = JSON.parse(
      '{"number":"I","customer":"C","date":"2026-05-01","dueDate":"2026-05-31","lines":[{"line":1,"due":"1.00","__proto__":{}}]}',
    );
    expect(wellFormedInvoice(proto, 'USD')).toBeUndefined();
  });
});
