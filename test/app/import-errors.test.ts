// A bad A/R file is rejected whole: every problem is listed by JSON path with the rule it
// breaks, and the database is exactly as before. Each case starts from a ledger that already
// holds the small file, then imports a changed copy (new balances too) with one defect.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PROBLEMS } from '../../src/app/import/import-summary.ts';
import { type ArFileV1, importArFile } from '../../src/app/import-ar-file.ts';
import type { Store } from '../../src/db/tx.ts';
import { createImportedStore, dumpDatabase, NOW_MS, smallArFile } from '../support/db.ts';

let database: Store;

beforeEach(() => {
  database = createImportedStore();
});

function firstLine(file: ArFileV1, invoice = 0) {
  const line = file.invoices[invoice]?.lines[0];
  if (line === undefined) throw new Error('fixture has no such line');
  return line;
}

type Case = [string, (file: ArFileV1) => void, string, string];

const cases: Case[] = [
  [
    'bad decimal',
    (f) => {
      firstLine(f).due = '1,07.00';
    },
    'invoices[0].lines[0].due',
    'not a decimal number: "1,07.00" (use digits and a dot, e.g. 1234.50)',
  ],
  [
    'too many decimals',
    (f) => {
      firstLine(f).due = '107.001';
    },
    'invoices[0].lines[0].due',
    'more than 2 decimals: "107.001"',
  ],
  [
    'unknown customer',
    (f) => {
      if (f.invoices[1]) f.invoices[1].customer = 'C999';
    },
    'invoices[1].customer',
    'unknown customer "C999" (not in customers)',
  ],
  [
    'duplicate invoice number',
    (f) => {
      if (f.invoices[2]) f.invoices[2].number = '1001';
    },
    'invoices[2].number',
    'duplicate invoice number "1001" (first at invoices[0])',
  ],
  [
    'duplicate on-account id',
    (f) => {
      f.onAccount?.push({ id: 'P-9', customer: 'C200', date: '2026-04-01', amount: '-5.00' });
    },
    'onAccount[1].id',
    'duplicate on-account id "P-9" (first at onAccount[0])',
  ],
  [
    'missing account role',
    (f) => {
      f.accounts = f.accounts.filter((a) => a.role !== 'fc_write_off');
    },
    'accounts',
    'no account with role "fc_write_off" (exactly one is required)',
  ],
  [
    'two default write-off accounts',
    (f) => {
      const small = f.accounts.find((a) => a.code === '7160');
      if (small) small.default = true;
    },
    'accounts[6].default',
    'a second default write-off account (accounts[4] is already the default)',
  ],
  [
    'line parts larger than due',
    (f) => {
      Object.assign(firstLine(f), { due: '10.00', tax: '7.00', retainage: '5.00' });
    },
    'invoices[0].lines[0]',
    'tax + retainage + financeCharge exceed due 10.00: the parts of a line cannot be larger than its due',
  ],
  [
    'part with the wrong sign',
    (f) => {
      firstLine(f, 2).tax = '1.50';
    },
    'invoices[2].lines[0].tax',
    "1.50 has the wrong sign: parts of due must have due's sign (due -25.50)",
  ],
  [
    'bad date',
    (f) => {
      if (f.invoices[0]) f.invoices[0].date = '2026-02-30';
    },
    'invoices[0].date',
    'not a valid date (use YYYY-MM-DD)',
  ],
  [
    'wrong version',
    (f) => {
      Object.assign(f, { version: 2 });
    },
    'version',
    'unsupported version 2: this bot reads version 1',
  ],
  [
    'unknown currency',
    (f) => {
      f.currency = 'XYZ';
    },
    'currency',
    'unknown currency "XYZ" (an ISO 4217 code such as "USD")',
  ],
  [
    'currency different from the ledger',
    (f) => {
      f.currency = 'EUR';
    },
    'currency',
    'the ledger is kept in USD; a EUR file cannot be imported',
  ],
  [
    'unknown time zone',
    (f) => {
      f.timezone = 'Mars/Olympus';
    },
    'timezone',
    'unknown time zone "Mars/Olympus" (an IANA name such as "America/New_York")',
  ],
  [
    'unknown field',
    (f) => {
      Object.assign(firstLine(f), { dueDate: '2026-01-01' });
    },
    'invoices[0].lines[0]',
    'unknown field "dueDate"',
  ],
  [
    'missing field',
    (f) => {
      Reflect.deleteProperty(firstLine(f), 'due');
    },
    'invoices[0].lines[0].due',
    'is required',
  ],
  [
    'amount as a JSON number',
    (f) => {
      Object.assign(firstLine(f), { due: 107 });
    },
    'invoices[0].lines[0].due',
    'must be a decimal string such as "107.00", not a JSON number',
  ],
  [
    'duplicate line number',
    (f) => {
      const l = f.invoices[0]?.lines[1];
      if (l) l.line = 1;
    },
    'invoices[0].lines[1].line',
    'duplicate line 1 (also at lines[0])',
  ],
  [
    'overlapping periods',
    (f) => {
      if (f.periods[2]) f.periods[2].start = '2026-06-30';
    },
    'periods[2]',
    '2026-07 overlaps 2026-06 (periods[1])',
  ],
];

describe('import rejects a bad file whole', () => {
  it.each(cases)('%s', (_name, mutate, path, message) => {
    const file = smallArFile();
    // A real change as well, so "unchanged" proves the rollback, not an idle import.
    firstLine(file, 1).due = '999.00';
    mutate(file);
    const before = dumpDatabase(database);
    const result = importArFile(database, file, NOW_MS + 1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContainEqual({ path, message });
    expect(dumpDatabase(database)).toEqual(before);
  });

  it('lists every problem of the file, not just the first', () => {
    const file = smallArFile();
    firstLine(file, 0).due = 'abc';
    firstLine(file, 1).tax = '1.234';
    if (file.invoices[2]) file.invoices[2].customer = 'NOPE';
    file.currency = 'USD';
    const result = importArFile(database, file, NOW_MS);
    expect(result.ok ? [] : result.error.map((p) => p.path)).toEqual([
      'invoices[0].lines[0].due',
      'invoices[1].lines[0].tax',
      'invoices[2].customer',
    ]);
  });

  it('an item that is malformed still has its lines and its customer checked', () => {
    const file = smallArFile();
    const invoice = file.invoices[0];
    const payment = file.onAccount?.[0];
    if (invoice === undefined || payment === undefined) throw new Error('fixture changed');
    invoice.date = '2026-02-30';
    invoice.customer = 'C999';
    firstLine(file, 0).due = '107.001';
    file.onAccount = [{ ...payment, date: 'soon', customer: 'C998' }];
    const result = importArFile(database, file, NOW_MS);
    expect(result.ok ? [] : result.error.map((p) => p.path)).toEqual([
      'invoices[0].date',
      'invoices[0].lines[0].due',
      'invoices[0].customer',
      'onAccount[0].date',
      'onAccount[0].customer',
    ]);
  });

  it('rejects a file that is not a JSON object', () => {
    const result = importArFile(database, [] as unknown as ArFileV1, NOW_MS);
    expect(result).toEqual({
      ok: false,
      error: [{ path: '(file)', message: 'the file must be one JSON object' }],
    });
  });
});

describe('import problems beyond single values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-import-errors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the first problems and counts the rest', () => {
    const file = smallArFile();
    const template = file.invoices[0];
    if (template === undefined) throw new Error('fixture');
    file.invoices = Array.from({ length: MAX_PROBLEMS + 5 }, (_, i) => ({
      ...template,
      number: `X${i}`,
      date: 'soon',
    }));
    const result = importArFile(database, file, NOW_MS);
    const problems = result.ok ? [] : result.error;
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems.at(-1)).toEqual({ path: '(file)', message: '… and 5 more problems' });
  });

  it('names members that are missing, unknown or of the wrong shape', () => {
    const { customers: _c, ...rest } = smallArFile();
    const file = { ...rest, invoices: [42], extra: true, periods: 'none' } as unknown as ArFileV1;
    const result = importArFile(database, file, NOW_MS);
    expect(result.ok ? [] : result.error).toEqual([
      { path: 'periods', message: 'must be an array' },
      { path: 'invoices[0]', message: 'must be an object' },
      { path: 'extra', message: 'unknown field "extra"' },
      { path: 'customers', message: 'is required' },
    ]);
  });

  it('keeps a "__proto__" key as data (reported as an unknown field)', () => {
    const path = join(dir, 'proto.json');
    const text = JSON.stringify(smallArFile()).replace(
      '"description":"Framing"',
      '"__proto__":{"polluted":true},"description":"Framing"',
    );
    writeFileSync(path, text);
    const result = importArFile(database, path, NOW_MS);
    expect(result.ok ? [] : result.error).toEqual([
      { path: 'invoices[0].lines[0]', message: 'unknown field "__proto__"' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a file that is not UTF-8 text', () => {
    const path = join(dir, 'latin1.json');
    writeFileSync(path, Buffer.from([0x7b, 0x22, 0xe9, 0xff, 0x22, 0x7d]));
    expect(importArFile(database, path, NOW_MS)).toEqual({
      ok: false,
      error: [{ path: '(file)', message: 'the file is not valid UTF-8 text' }],
    });
  });
});
