// "Is this period open?" for the use-cases, answered from the database inside the caller's
// transaction; a closed or unknown period names the earliest open one
// (docs/write-off-rules.md#manual-write-off).
import { listPeriods } from '../db/repos/accounts.ts';
import type { Tx } from '../db/store.ts';
import { earliestOpenPeriod } from '../domain/ledger-context.ts';
import type { AppError } from '../domain/request-errors.ts';

export function closedPeriodError(tx: Tx, name: string): AppError | undefined {
  const periods = listPeriods(tx);
  if (periods.some((p) => p.name === name && !p.closed)) return undefined;
  const earliest = earliestOpenPeriod(periods);
  return {
    kind: 'period_closed',
    period: name,
    ...(earliest === undefined ? {} : { earliestOpen: earliest.name }),
  };
}
