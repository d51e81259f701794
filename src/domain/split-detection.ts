// Split detection (docs/write-off-rules.md#split-detection, docs/decisions/225-split-detection.md):
// one requester writing off one customer in pieces that each stay under a threshold, or
// touching the same invoice again, within the policy's window. Pure: the caller reads the
// candidate requests; this decides which of them are related and why.

export interface SplitCandidate {
  readonly requestId: string;
  readonly requester: string;
  /** Null for an automatic run over several customers: never part of a split. */
  readonly customerId: string | null;
  readonly status: string;
  readonly createdAtMs: number;
  /** Gross amount (ADR 100), minor units. */
  readonly grossMinor: number;
  readonly invoices: readonly string[];
}

export interface SplitRule {
  readonly windowDays: number;
  readonly thresholdMinor: number;
}

export interface SplitWarning {
  /** The other requests, oldest first. */
  readonly related: readonly { readonly requestId: string; readonly grossMinor: number }[];
  /** This request's gross plus the related ones'. */
  readonly combinedMinor: number;
  readonly thresholdMinor: number;
  readonly windowDays: number;
  /** Invoices this request shares with a related one (the "same invoice twice" case). */
  readonly sameInvoices: readonly string[];
}

/** Requests that count toward a split: still pending, or already posted. */
export const SPLIT_STATUSES: readonly string[] = ['pending', 'approved', 'posted'];

const DAY_MS = 86_400_000;

/** The earliest creation time inside the window ending at `nowMs` (inclusive). */
export function windowStartMs(rule: SplitRule, nowMs: number): number {
  return nowMs - rule.windowDays * DAY_MS;
}

/**
 * The warning for `request` given the candidates (any requests; only the same requester's,
 * same customer's, counting statuses, inside the window are kept), or null.
 */
export function detectSplit(
  request: SplitCandidate,
  candidates: readonly SplitCandidate[],
  rule: SplitRule,
  nowMs: number,
): SplitWarning | null {
  if (request.customerId === null) return null;
  const from = windowStartMs(rule, nowMs);
  const mine = new Set(request.invoices);
  const related = candidates
    .filter(
      (c) =>
        c.requestId !== request.requestId &&
        c.requester === request.requester &&
        c.customerId === request.customerId &&
        SPLIT_STATUSES.includes(c.status) &&
        c.createdAtMs >= from,
    )
    .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.requestId < b.requestId ? -1 : 1));
  if (related.length === 0) return null;
  const sameInvoices = [...new Set(related.flatMap((c) => c.invoices))]
    .filter((i) => mine.has(i))
    .sort();
  const combinedMinor = related.reduce((sum, c) => sum + c.grossMinor, request.grossMinor);
  const eachUnder = [request, ...related].every((c) => c.grossMinor < rule.thresholdMinor);
  const split = eachUnder && combinedMinor >= rule.thresholdMinor;
  if (!split && sameInvoices.length === 0) return null;
  return {
    related: related.map((c) => ({ requestId: c.requestId, grossMinor: c.grossMinor })),
    combinedMinor,
    thresholdMinor: rule.thresholdMinor,
    windowDays: rule.windowDays,
    sameInvoices,
  };
}
