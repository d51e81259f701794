// The ledger a CSV file is imported into (ADR 135): a CSV file carries open items only, so the
// currency, time zone, chart of accounts and periods are the ones the last JSON import left.
import { listAccounts, listPeriods } from '../../db/repos/accounts.ts';
import { getLedgerSettings } from '../../db/repos/settings.ts';
import type { Tx } from '../../db/store.ts';
import type { Account, Period } from '../../domain/types.ts';

/** The ledger a CSV file is imported into: what the last JSON import set. */
export interface CsvLedger {
  readonly currency: string;
  readonly timezone: string;
  readonly accounts: readonly Account[];
  readonly periods: readonly Period[];
}

/** The ledger as the last import left it; a CSV file cannot start a ledger (ADR 135). */
export function readCsvLedger(tx: Tx): CsvLedger {
  const settings = getLedgerSettings(tx);
  const accounts = listAccounts(tx);
  if (settings === null || accounts.length === 0) {
    throw new CsvFileError(
      'a CSV file carries open items only, and this ledger has no chart of accounts and periods yet: import them first from a JSON file (docs/ar-file-format.md, "CSV")',
    );
  }
  return { ...settings, accounts, periods: listPeriods(tx) };
}

/** The whole file is refused before any row is looked at (not CSV, no header, no ledger). */
export class CsvFileError extends Error {}
