// The CSV form of the A/R file (docs/ar-file-format.md, "CSV"; ADR 135): one row per invoice
// line plus optional on-account rows. It carries the open items and their customers only; the
// version, currency, time zone, chart of accounts and periods come from the ledger as the last
// import left them. The rows are turned into the JSON file's elements and handed to the same
// visitor, so a CSV file is checked by exactly the JSON import's rules; `CsvRows` remembers
// which row each element came from so every problem can be named by row and column.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import type { CsvRows } from './csv-columns.ts';
import { CsvFileError, type CsvLedger } from './csv-ledger.ts';
import { CsvReader } from './csv-reader.ts';
import type { RootVisitor } from './json-stream.ts';

/** Rows between two progress reports: often enough for a bar, rare enough to cost nothing. */
const PROGRESS_EVERY_ROWS = 2_000;

/**
 * Reads the CSV at `path` and feeds it to `visitor` as the JSON file's elements; `onProgress`
 * hears how many bytes are done now and then, and the file's size at the end.
 */
export function feedCsvFile(
  path: string,
  ledger: CsvLedger,
  visitor: RootVisitor,
  onProgress?: (readBytes: number) => void,
): CsvRows {
  const bytes = readFileSync(path);
  if (!isUtf8(bytes)) throw new CsvFileError('the file is not valid UTF-8 text');
  const reader = new CsvReader(ledger, visitor);
  reader.start();
  let records = 0;
  try {
    parse(bytes, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      // Each record is handled here and dropped (null), so no list of rows is built.
      on_record: (record: string[], context: { lines: number; bytes: number }) => {
        const newlines = record.reduce((n, cell) => n + cell.split('\n').length - 1, 0);
        reader.record(record, context.lines - newlines);
        records += 1;
        if (onProgress !== undefined && records % PROGRESS_EVERY_ROWS === 0) {
          onProgress(context.bytes);
        }
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new CsvFileError(csvErrorText(error));
    throw error;
  }
  onProgress?.(bytes.length);
  return reader.end();
}

function csvErrorText(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `not valid CSV: a quoted cell is never closed (the file ends inside quotes, line ${line})`;
  }
  return `not valid CSV at line ${line}: ${error.message}`;
}

export type { CsvColumn, CsvRows } from './csv-columns.ts';
