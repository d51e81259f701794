// The figures GET /metrics reports from the database (docs/operations.md), read per scrape.
import { readOperationalFigures } from '../db/repos/operational-figures.ts';
import type { AppDeps } from './deps.ts';
import { busyWaitsSoFar } from './use-case-tx.ts';

export interface OperationalFigures {
  readonly outboxPending: number;
  readonly outboxFailed: number;
  readonly pendingRequests: number;
  readonly oldestPendingAgeSeconds: number;
  readonly postings: number;
  readonly reversals: number;
  /** This process's waits for another process's write lock. */
  readonly busyWaits: number;
}

export function operationalFigures(deps: AppDeps): OperationalFigures {
  return deps.store.read((tx) => {
    const { oldestPendingCreatedAtMs, ...counts } = readOperationalFigures(tx);
    const nowMs = deps.now().getTime();
    const ageMs =
      oldestPendingCreatedAtMs === null ? 0 : Math.max(0, nowMs - oldestPendingCreatedAtMs);
    return {
      ...counts,
      oldestPendingAgeSeconds: Math.floor(ageMs / 1000),
      busyWaits: busyWaitsSoFar(),
    };
  });
}
