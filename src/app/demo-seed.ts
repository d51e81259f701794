// Demo data for a first run: `npm start` and `writeoff demo` both fill an EMPTY ledger with the
// deterministic demo file, dated today in the demo file's own time zone, through the normal
// import so it obeys every import rule (ADR 036, ADR 090).
import { ledgerIsEmpty as ledgerTablesEmpty } from '../db/repos/ledger-state.ts';
import type { Store } from '../db/store.ts';
import type { Result } from '../domain/types.ts';
import { buildDemoArFile } from './demo-data.ts';
import { type ImportProblem, type ImportSummary, importArFile } from './import-ar-file.ts';
import { todayIn } from './today.ts';

/** Demo data must never be mixed into a real sub-ledger: any import, request or entry counts. */
export function ledgerIsEmpty(store: Store): boolean {
  return store.read(ledgerTablesEmpty);
}

export interface DemoSeed {
  readonly today: string;
  readonly summary: ImportSummary;
}

/** Imports the demo file into `store`; the caller checks `ledgerIsEmpty` first. */
export function seedDemoLedger(store: Store, now: Date): Result<DemoSeed, ImportProblem[]> {
  const today = todayIn(buildDemoArFile('2000-01-01').timezone, now);
  const result = importArFile(store, buildDemoArFile(today), now.getTime());
  return result.ok ? { ok: true, value: { today, summary: result.value } } : result;
}
