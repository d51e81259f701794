// What one import pass reports: the counts of what it wrote and the requests it made stale, or
// (past MAX_PROBLEMS) where it stopped listing problems; and how requests are made stale.
import type { ArImportWriter, StaleRequest } from '../../db/repos/ar-import.ts';

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

// A pending request whose previewed items this file changed can no longer be approved as
// previewed: it becomes stale, its items are free again, and the audit trail says why (ADR 011).
export function markStaleRequests(writer: ArImportWriter): StaleRequest[] {
  const stale: StaleRequest[] = [];
  for (const candidate of writer.changedRequests()) {
    if (!writer.markRequestStale(candidate.requestId)) continue;
    writer.auditRequestStale(candidate.requestId, {
      importId: writer.importId,
      reason: 'items changed by import',
      changedItems: candidate.changedItems,
    });
    stale.push(candidate);
  }
  return stale;
}
