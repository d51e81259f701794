// The sandbox's "GL export" panel: what `writeoff export --period NAME` prints, for every period
// that has postings, so a person sees their approved write-off reach the general ledger.
import { csvField, EXPORT_COLUMNS, exportRecord } from '../cli/export-command.ts';
import { listPeriods } from '../db/repos/accounts.ts';
import { iteratePeriodPostings } from '../db/repos/journal.ts';
import type { Store, Tx } from '../db/store.ts';

export interface PeriodExport {
  readonly period: string;
  /** RFC 4180 CSV, header first, exactly as the CLI writes it. */
  readonly csv: string;
}

export function glExports(store: Store): PeriodExport[] {
  return store.read((tx) => exportsOf(tx));
}

function exportsOf(tx: Tx): PeriodExport[] {
  const exports: PeriodExport[] = [];
  for (const period of listPeriods(tx)) {
    const lines = [...iteratePeriodPostings(tx, period.name)].map((row) => {
      const record = exportRecord(row);
      return EXPORT_COLUMNS.map((column) => csvField(record[column])).join(',');
    });
    if (lines.length > 0) {
      exports.push({ period: period.name, csv: [EXPORT_COLUMNS.join(','), ...lines].join('\r\n') });
    }
  }
  return exports;
}
