// What one import pass reports: the counts of what it wrote and the requests it made stale, or
// (past MAX_PROBLEMS) where it stopped listing problems.
import type { StaleRequest } from '../../db/repos/ar-import.ts';

/** Problems listed at most; the rest are counted. */
export const MAX_PROBLEMS = 1000;

export interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
  settled: number;
}

export interface ImportSummary {
  readonly importId: number;
  readonly currency: string;
  readonly customers: number;
  readonly accounts: number;
  readonly periods: number;
  readonly invoices: Counts;
  readonly lines: number;
  readonly onAccount: Counts;
  readonly staleRequests: readonly StaleRequest[];
  /** Recoveries proposed for payments on written-off invoices (docs/write-off-rules.md#recovery). */
  readonly recoveries?: readonly string[];
}

/** Thrown when amounts arrive before the currency: the caller pre-reads the header. */
export class HeaderNeeded extends Error {}

export const zeroCounts = (): Counts => ({ inserted: 0, updated: 0, unchanged: 0, settled: 0 });
