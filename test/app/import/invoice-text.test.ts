// An invoice read from its JSON text must be exactly what the checks make of JSON.parse of the
// same text, and anything the text reader declines goes that way; what it accepts is valid JSON.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { invoiceFromText } from '../../../src/app/import/invoice-text.ts';
import { wellFormedInvoice } from '../../../src/app/import/well-formed-invoice.ts';
import { currencyDecimals } from '../../../src/domain/money.ts';

const cents = fc.integer({ min: 0, max: 50_000 });
const amountText = (minor: number, sign: string) =>
  `${minor === 0 ? '' : sign}${(minor / 100).toFixed(2)}`;
const validLine = fc.tuple(cents, cents, cents, fc.boolean()).map(([tax, rest, due, credit]) => {
  const sign = credit ? '-' : '';
  return {
    description: `Work ${rest}`,
    due: amountText(tax + rest + due, sign),
    tax: amountText(tax, sign),
    retainage: amountText(rest, sign),
  };
});
const validInvoice = fc.record({
  number: fc.constantFrom('INV-1', ' INV-2', 'Ü-3'),
  customer: fc.constantFrom('C1', 'C2 '),
  date: fc.constantFrom('2026-02-28', '2024-02-29'),
  dueDate: fc.constantFrom('2026-03-31', '2030-12-01'),
  lines: fc
    .array(validLine, { minLength: 1, maxLength: 4 })
    .chain((lines) =>
      fc
        .shuffledSubarray([1, 2, 3, 4, 5, 12], { minLength: lines.length, maxLength: lines.length })
        .map((numbers) => lines.map((l, i) => ({ line: numbers[i], ...l }))),
    ),
});
const spacing = fc.constantFrom(undefined, 1, '\t');
const currency = fc.constantFrom('USD', 'JPY', 'KWD');

/** What the reader declines must be left to JSON.parse; what it takes must match it. */
function agrees(json: string, c: string): 'taken' | 'declined' {
  const fromText = invoiceFromText(json, currencyDecimals(c));
  if (fromText === undefined) return 'declined';
  expect(fromText).toEqual(wellFormedInvoice(JSON.parse(json), c));
  return 'taken';
}

describe('invoiceFromText', () => {
  test.prop([validInvoice, spacing], { numRuns: 500 })(
    'takes every valid invoice, spaced or not, as the checks would',
    (raw, space) => {
      expect(agrees(JSON.stringify(raw, null, space), 'USD')).toBe('taken');
    },
  );

  const odd = fc.constantFrom(
    undefined,
    null,
    '',
    ' ',
    '1.005',
    '-0.00',
    '1e2',
    '1.',
    3,
    1.5,
    0,
    -1,
    1e21,
    [],
    {},
    'a\\u0041',
    'tab\there',
  );
  const invoiceKey = fc.constantFrom('number', 'customer', 'date', 'dueDate', 'lines', 'memo');
  const lineKey = fc.constantFrom('line', 'description', 'due', 'tax', 'financeCharge', 'x');
  test.prop([validInvoice, fc.boolean(), invoiceKey, lineKey, odd, currency, spacing], {
    numRuns: 4000,
  })('with one odd value: declined, or the same invoice', (raw, inLine, key, lk, v, c, space) => {
    const line = raw.lines[0] as Record<string, unknown>;
    if (inLine) line[lk] = v;
    else (raw as Record<string, unknown>)[key] = v;
    agrees(JSON.stringify(raw, null, space), c);
  });

  // Text edits JSON.stringify never makes: escapes, raw control characters, number forms.
  const edits: [RegExp, string][] = [
    [/"line":(\d)/, '"line":$1.0'],
    [/"line":(\d)/, '"line":0$1'],
    [/"line":(\d)/, '"line":$1e0'],
    [/"line":(\d)/, '"line":-$1'],
    [/"INV/, '"\\u0049NV'],
    [/"due"/, '"d\\u0075e"'],
    [/Work/, 'Wo\nrk'],
    [/Work/, 'Wo\\"rk'],
    [/"lines"/, '"__proto__":{},"lines"'],
    [/"date":"[^"]*",/, ''],
    [/"date"/, '"dueDate":"2026-01-01","date"'],
    [/\]\}$/, ']}x'],
    [/\[\{/, '[{},{'],
    [/\}\]/, '},]'],
  ];
  test.prop([validInvoice, fc.constantFrom(...edits), currency], { numRuns: 2000 })(
    'after a text edit: declined, or the same invoice as JSON.parse makes',
    (raw, [pattern, replacement], c) => {
      const json = JSON.stringify(raw).replace(pattern, replacement);
      let valid = true;
      try {
        JSON.parse(json);
      } catch {
        valid = false;
      }
      if (!valid) expect(invoiceFromText(json, currencyDecimals(c))).toBeUndefined();
      else agrees(json, c);
    },
  );

  it('reads the usual invoice of the bench file', () => {
    const json =
      '{"number":"INV0000001","customer":"C000001","date":"2025-06-10","dueDate":"2025-07-10","lines":[{"line":1,"description":"Work item 1","due":"19.98","tax":"1.27","retainage":"0.00","financeCharge":"0.55"}]}';
    expect(agrees(json, 'USD')).toBe('taken');
    expect(invoiceFromText(json, 2)?.lines[0]).toEqual({
      line: 1,
      description: 'Work item 1',
      dueMinor: 1998,
      taxMinor: 127,
      retainageMinor: 0,
      financeChargeMinor: 55,
    });
  });
});
