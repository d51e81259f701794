// A catalogue of malformed A/R files (docs/ar-file-format.md), each imported from disk into a
// ledger that already holds data: every one is rejected with problems that name where (JSON path)
// and what is wrong, and the database is byte-for-byte the same afterwards. Runs whole in both
// `npm test` and `npm run test:reliability` (it is fast).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArFileV1, importArFile } from '../../src/app/import-ar-file.ts';
import type { Database } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import {
  createTestDatabase,
  dumpDatabase,
  importFixture,
  NOW_MS,
  smallArFile,
} from '../support/db.ts';
import { tempDir } from './support/ledger.ts';
import { recordFigures } from './support/scale.ts';

type Edit = (file: ArFileV1 & Record<string, unknown>) => void;
const json = (edit: Edit) => {
  const file = smallArFile() as ArFileV1 & Record<string, unknown>;
  edit(file);
  return JSON.stringify(file, null, 1);
};
const valid = JSON.stringify(smallArFile());
const inv0 = (f: ArFileV1) =>
  f.invoices[0] as ArFileV1['invoices'][number] & Record<string, unknown>;
const line0 = (f: ArFileV1) => inv0(f).lines[0] as unknown as Record<string, unknown>;
const onAccount0 = (f: ArFileV1) => (f.onAccount ?? [])[0] as unknown as Record<string, unknown>;

/** [kind, file text, the path (or message) a problem must name]. */
const CATALOGUE: readonly (readonly [string, string, RegExp])[] = [
  ['empty file', '', /file/],
  ['not JSON at all', 'hello, ERP', /file/],
  ['truncated mid-way', valid.slice(0, Math.floor(valid.length / 2)), /file/],
  ['trailing garbage', `${valid} ;DROP TABLE invoices`, /file/],
  ['a JSON array, not an object', '[]', /file|\(root\)|^$/],
  [
    'unsupported version',
    json((f) => {
      f.version = 2 as 1;
    }),
    /version/,
  ],
  [
    'missing currency',
    json((f) => {
      delete (f as Partial<ArFileV1>).currency;
    }),
    /currency/,
  ],
  [
    'unknown currency code',
    json((f) => {
      f.currency = 'XYZ';
    }),
    /currency/,
  ],
  [
    'currency differs from the ledger',
    json((f) => {
      f.currency = 'EUR';
    }),
    /currency/,
  ],
  [
    'unknown timezone',
    json((f) => {
      f.timezone = 'Mars/Olympus_Mons';
    }),
    /timezone/,
  ],
  [
    'no accounts receivable account',
    json((f) => {
      f.accounts = f.accounts.filter((a) => a.role !== 'ar');
    }),
    /accounts/,
  ],
  [
    'two default write-off accounts',
    json((f) => {
      f.accounts = f.accounts.map((a) => (a.role === 'write_off' ? { ...a, default: true } : a));
    }),
    /accounts/,
  ],
  [
    'unknown account role',
    json((f) => {
      (f.accounts[0] as Record<string, unknown>).role = 'cash';
    }),
    /accounts\[0\]\.role/,
  ],
  [
    'period ends before it starts',
    json((f) => {
      const p = f.periods[1] as Record<string, unknown>;
      p.start = '2026-06-30';
      p.end = '2026-06-01';
    }),
    /periods\[1\]/,
  ],
  [
    'duplicate invoice numbers',
    json((f) => {
      (f.invoices[1] as Record<string, unknown>).number = '1001';
    }),
    /invoices\[1\]/,
  ],
  [
    'duplicate on-account ids',
    json((f) => {
      f.onAccount = [...(f.onAccount ?? []), ...(f.onAccount ?? []).slice(0, 1)];
    }),
    /onAccount\[1\]/,
  ],
  [
    'invoice of an unknown customer',
    json((f) => {
      inv0(f).customer = 'C999';
    }),
    /invoices\[0\]\.customer/,
  ],
  [
    'on-account item of an unknown customer',
    json((f) => {
      onAccount0(f).customer = 'C999';
    }),
    /onAccount\[0\]\.customer/,
  ],
  [
    'impossible date',
    json((f) => {
      inv0(f).date = '2026-02-30';
    }),
    /invoices\[0\]\.date/,
  ],
  [
    'date in another format',
    json((f) => {
      inv0(f).dueDate = '03/31/2026';
    }),
    /invoices\[0\]\.dueDate/,
  ],
  [
    'more decimals than the currency allows',
    json((f) => {
      line0(f).due = '107.001';
    }),
    /invoices\[0\]\.lines\[0\]\.due/,
  ],
  [
    'amount as a JSON number',
    json((f) => {
      line0(f).due = 107;
    }),
    /invoices\[0\]\.lines\[0\]\.due/,
  ],
  [
    'amount that is not a number',
    json((f) => {
      line0(f).tax = 'seven';
    }),
    /invoices\[0\]\.lines\[0\]\.tax/,
  ],
  [
    'amount with a thousands separator',
    json((f) => {
      line0(f).due = '1,107.00';
    }),
    /invoices\[0\]\.lines\[0\]\.due/,
  ],
  [
    'parts larger than the line due',
    json((f) => {
      line0(f).tax = '200.00';
    }),
    /invoices\[0\]\.lines\[0\]/,
  ],
  [
    'part with the opposite sign',
    json((f) => {
      line0(f).retainage = '-5.00';
    }),
    /invoices\[0\]\.lines\[0\]/,
  ],
  [
    'line number 0',
    json((f) => {
      line0(f).line = 0;
    }),
    /invoices\[0\]\.lines\[0\]\.line/,
  ],
  [
    'duplicate line numbers',
    json((f) => {
      (inv0(f).lines[1] as unknown as Record<string, unknown>).line = 1;
    }),
    /invoices\[0\]\.lines\[1\]/,
  ],
  [
    'invoice without a number',
    json((f) => {
      delete (inv0(f) as Record<string, unknown>).number;
    }),
    /invoices\[0\]\.number/,
  ],
  [
    'customer with an empty id',
    json((f) => {
      (f.customers[0] as Record<string, unknown>).id = '';
    }),
    /customers\[0\]\.id/,
  ],
];

let database: Database;
const dir = tempDir('malformed');
beforeAll(() => {
  database = createTestDatabase();
  importFixture(database);
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const outcomes: { kind: string; ok: boolean }[] = [];
afterAll(() => {
  recordFigures({
    suite: 'malformed import files',
    trials: CATALOGUE.length,
    cases: CATALOGUE.length,
    failures: outcomes.filter((o) => !o.ok).length,
    note: `${CATALOGUE.length} kinds`,
  });
});

describe('malformed A/R files are rejected whole with a clear problem', () => {
  it('has at least 20 kinds', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CATALOGUE)('%s', (kind, text, where) => {
    outcomes.push({ kind, ok: false });
    const path = join(dir, `${kind.replace(/\W+/g, '-')}.json`);
    writeFileSync(path, text);
    const before = dumpDatabase(database);
    const result = importArFile(sqliteStore(database), path, NOW_MS + 60_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const problem of result.error) {
      expect(problem.message.trim()).not.toBe('');
      expect(problem.message).not.toMatch(/\n\s+at /); // never a stack trace
    }
    const named = result.error.some((p) => where.test(p.path) || where.test(p.message));
    expect(named, JSON.stringify(result.error)).toBe(true);
    expect(dumpDatabase(database)).toEqual(before);
    outcomes[outcomes.length - 1] = { kind, ok: true };
  });
});
