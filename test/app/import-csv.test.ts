// The CSV form of the A/R file (docs/ar-file-format.md, "CSV"; ADR 135) through the import
// use-case: the shipped example equals the JSON example item for item, problems carry the
// JSON import's rules named by row and column, a bad file changes nothing, and a re-import
// settles and changes items exactly like a JSON re-import.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { importArFile } from '../../src/app/import-ar-file.ts';
import type { Store } from '../../src/db/tx.ts';
import { createTestStore, sqlAll } from '../support/backend.ts';
import { createImportedStore, dumpDatabase, NOW_MS, smallArFile } from '../support/db.ts';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/ar-small.csv');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER =
  'type,customer,customer_name,invoice,date,due_date,line,description,due,tax,retainage,finance_charge,item,amount';
const exampleRows = () => readFileSync(EXAMPLE, 'utf8').trimEnd().split('\n').slice(1);

function csv(name: string, rows: readonly string[], header = HEADER): string {
  const path = join(dir, name);
  writeFileSync(path, `${[header, ...rows].join('\r\n')}\r\n`);
  return path;
}

let database: Store;
beforeEach(() => {
  database = createImportedStore();
});

describe('a good CSV file', () => {
  it('the shipped example holds exactly the JSON example: every item unchanged', () => {
    const result = importArFile(database, EXAMPLE, NOW_MS + 1000);
    expect(result).toMatchObject({
      ok: true,
      value: {
        currency: 'USD',
        customers: 2,
        lines: 4,
        invoices: { inserted: 0, updated: 0, unchanged: 3, settled: 0 },
        onAccount: { inserted: 0, updated: 0, unchanged: 1, settled: 0 },
      },
    });
  });

  it('reports its progress in bytes, ending at the file size (the CLI shows a bar)', () => {
    const seen: [number, number][] = [];
    const onProgress = (readBytes: number, totalBytes: number) => {
      seen.push([readBytes, totalBytes]);
    };
    const size = readFileSync(EXAMPLE).length;
    expect(importArFile(database, EXAMPLE, NOW_MS + 1000, { onProgress }).ok).toBe(true);
    expect(seen.at(-1)).toEqual([size, size]);
  });

  it('a re-import settles what the file no longer lists and updates what changed', () => {
    const rows = exampleRows()
      .filter((r) => !r.includes(',1002,'))
      .map((r) => r.replace('Framing,107.00', 'Framing,100.00'));
    const result = importArFile(database, csv('refresh.csv', rows), NOW_MS + 1000);
    expect(result.ok && result.value.invoices).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
      settled: 1,
    });
  });

  it('columns in any order, an optional column left out, a byte-order mark and blank lines', () => {
    const header = 'customer,customer_name,invoice,line,date,due_date,due';
    const rows = [
      'C300,"Cobb, Ltd",2001,1,2026-05-01,2026-05-31,12.50',
      '',
      'C300,,2001,2,2026-05-01,2026-05-31,1.00',
    ];
    const path = csv('reordered.csv', rows, `\uFEFF${header}`);
    const result = importArFile(database, path, NOW_MS + 1000);
    expect(result.ok && result.value).toMatchObject({
      customers: 1,
      lines: 2,
      invoices: { inserted: 1, settled: 3 },
      onAccount: { settled: 1 },
    });
  });
});

describe('a bad CSV file', () => {
  it('every problem by row and column, worded as the JSON import words it; nothing written', () => {
    const before = dumpDatabase(database);
    const rows = exampleRows();
    rows[0] = `${rows[0]},extra`;
    rows[1] = rows[1]?.replace('36.00,0.00,0.00,36.00', '36.0.0,0.00,0.00,0.00') ?? '';
    rows[2] = rows[2]?.replace('2026-04-01', '2026-02-30') ?? '';
    rows[3] = rows[3]?.replace(',C200,"Bolt & Nut Supply"', ',C200,') ?? '';
    const result = importArFile(database, csv('bad.csv', rows), NOW_MS + 1000);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error).toEqual([
      { path: 'row 2', message: 'has 15 cells, the header has 14' },
      {
        path: 'row 3, column due',
        message: 'not a decimal number: "36.0.0" (use digits and a dot, e.g. 1234.50)',
      },
      { path: 'row 4, column date', message: 'not a valid date (use YYYY-MM-DD)' },
      { path: 'row 5, column customer_name', message: 'must not be empty' },
    ]);
    expect(dumpDatabase(database)).toEqual(before);
  });

  it('names the header problems once, and rows that break the CSV rules', () => {
    const rows = [
      'invoice,C100,Acme Builders,1001,2026-03-01,2026-03-31,1,,107.00,,,,P-1,',
      'payment,C100,Acme Builders,,2026-03-05,,,,,,,,P-9,-60.00',
      'invoice,C100,Acme Builders,1002,2026-04-01,2026-05-01,1,,500.00,,,,,',
      'invoice,C100,Acme Builders,1001,2026-03-01,2026-03-31,2,,36.00,,,,,',
    ];
    const header = `${HEADER},colour`;
    const result = importArFile(database, csv('rules.csv', rows, header), NOW_MS + 1000);
    expect(result.ok ? [] : result.error).toEqual([
      {
        path: 'row 1',
        message:
          'unknown column "colour" (known: type, customer, customer_name, invoice, date, due_date, line, description, due, tax, retainage, finance_charge, item, amount, currency)',
      },
      { path: 'row 2, column item', message: 'is only for on_account rows; leave it empty' },
      {
        path: 'row 3, column type',
        message: 'must be "invoice" or "on_account" (or empty for an invoice line)',
      },
      {
        path: 'row 5, column invoice',
        message:
          'the rows of invoice 1001 must be next to each other (its first rows start at row 2)',
      },
    ]);
  });

  it('a duplicate line or item points at the first one by row', () => {
    const rows = exampleRows().map((r) => r.replace(',2,Late fee', ',1,Late fee'));
    rows.push('on_account,C100,Acme Builders,,2026-03-06,,,,,,,,P-9,-1.00');
    const result = importArFile(database, csv('dupes.csv', rows), NOW_MS + 1000);
    expect(result.ok ? [] : result.error).toEqual([
      { path: 'row 3, column line', message: 'duplicate line 1 (also at row 2)' },
      { path: 'row 7, column item', message: 'duplicate on-account id "P-9" (first at row 6)' },
    ]);
  });

  it('an unclosed quote is one problem of the file', () => {
    const result = importArFile(database, csv('quote.csv', ['invoice,"C100']), NOW_MS + 1000);
    expect(result.ok ? [] : result.error).toEqual([
      {
        path: '(file)',
        message:
          'not valid CSV: a quoted cell is never closed (the file ends inside quotes, line 3)',
      },
    ]);
  });

  it('a ledger without a chart of accounts cannot take a CSV file, and stays empty', () => {
    const empty = createTestStore();
    const before = dumpDatabase(empty);
    const result = importArFile(empty, EXAMPLE, NOW_MS);
    expect(result.ok ? [] : result.error.map((p) => p.path)).toEqual(['(file)']);
    expect(result.ok ? '' : result.error[0]?.message).toContain(
      'import them first from a JSON file',
    );
    expect(dumpDatabase(empty)).toEqual(before);
  });

  it('a row in another currency than the ledger is refused', () => {
    const rows = exampleRows().map((r, i) => `${r},${i === 0 ? 'EUR' : 'USD'}`);
    const result = importArFile(database, csv('eur.csv', rows, `${HEADER},currency`), NOW_MS);
    expect(result.ok ? [] : result.error).toEqual([
      {
        path: 'row 2, column currency',
        message: 'the ledger is kept in USD; a EUR row cannot be imported',
      },
    ]);
  });
});

describe('the JSON example and the CSV example', () => {
  it('import into the same open items from an empty ledger set up by JSON', () => {
    const ledger = createTestStore();
    const setup = { ...smallArFile(), customers: [], invoices: [], onAccount: [] };
    expect(importArFile(ledger, setup, NOW_MS).ok).toBe(true);
    const result = importArFile(ledger, EXAMPLE, NOW_MS);
    expect(result.ok && result.value.invoices.inserted).toBe(3);
    const open = (d: Store) =>
      sqlAll(d, 'SELECT number, customer_id, open_minor FROM invoices ORDER BY number');
    expect(open(ledger)).toEqual(open(database));
  });
});
