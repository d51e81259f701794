// The digest's vocabulary (docs/digest.md): the facts read from the ledger, the digest built
// from them and the fixed sizes of its lists. Split from digest.ts, which holds the rules.
import type { IsoWeek } from './digest-week.ts';
import type { IsoDate } from './types.ts';

export const TREND_WEEKS = 8;
export const TOP_CUSTOMERS = 10;
export const LARGEST_ITEMS = 5;
export const DEFAULT_SLA_MS = 48 * 3_600_000;
export const NO_REASON = 'none';
export const OTHER_CUSTOMERS = 'other';
export const AGE_BUCKETS = ['0-90', '91-180', '181-365', '366+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** A posted write-off request (its posting journal entry's time). */
export interface PostedRequestFact {
  readonly requestId: string;
  readonly requester: string;
  readonly reasonCode: string | null;
  readonly totalMinor: number;
  readonly postedAtMs: number;
  readonly writeOffOn: IsoDate;
}

/** One invoice or on-account item of a posted request: the sum of its written-off lines. */
export interface PostedItemFact {
  readonly requestId: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly invoice: string | null;
  readonly onAccount: string | null;
  /** Invoice date, or the on-account item's own date. */
  readonly itemOn: IsoDate;
  readonly amountMinor: number;
}

export interface ThreadRef {
  readonly channel: string;
  readonly ts: string;
}

export interface SubmittedRequestFact {
  readonly requestId: string;
  readonly totalMinor: number;
  readonly submittedAtMs: number;
  /** When it stopped being pending (decided, cancelled, went stale); null while pending. */
  readonly leftPendingAtMs: number | null;
  readonly thread: ThreadRef | null;
}

export interface DecisionFact {
  readonly requestId: string;
  readonly kind: 'rejected' | 'stale';
  readonly atMs: number;
}

export interface ReversalFact {
  readonly requestId: string;
  readonly totalMinor: number;
  readonly atMs: number;
}

export interface DigestFacts {
  readonly currency: string;
  /** Posted requests over (at least) the trend window. */
  readonly posted: readonly PostedRequestFact[];
  /** Items of (at least) the requests posted in the week; ignored when `itemSummary` is given. */
  readonly items: readonly PostedItemFact[];
  /** The week's items already summed by the database (ADR 217); the domain still decides. */
  readonly itemSummary?: ItemSummary;
  readonly reversals: readonly ReversalFact[];
  readonly submitted: readonly SubmittedRequestFact[];
  readonly decisions: readonly DecisionFact[];
}

/**
 * The week's posted items in the shapes the digest groups them by: rows per customer and per
 * age in days may be partial sums (any grouping of the items adds up the same), and `largest`
 * holds at least the LARGEST_ITEMS first items in the digest's order.
 */
export interface ItemSummary {
  readonly count: number;
  readonly byCustomer: readonly {
    readonly customerId: string;
    readonly customerName: string;
    readonly amountMinor: number;
  }[];
  readonly byAgeDays: readonly { readonly ageDays: number; readonly amountMinor: number }[];
  readonly largest: readonly Omit<PostedItemFact, 'customerName' | 'itemOn'>[];
}

export interface DigestItem {
  readonly request: string;
  readonly customer: string;
  readonly invoice: string | null;
  readonly onAccount: string | null;
  readonly totalMinor: number;
}

export interface Digest {
  readonly week: string;
  readonly timezone: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly currency: string;
  readonly posted: {
    readonly totalMinor: number;
    readonly requests: number;
    readonly items: number;
  };
  readonly reversed: { readonly count: number; readonly totalMinor: number };
  readonly netMinor: number;
  readonly byReason: readonly { reason: string; totalMinor: number; requests: number }[];
  readonly byClerk: readonly { user: string; totalMinor: number; requests: number }[];
  readonly byCustomer: readonly { customer: string; name: string; totalMinor: number }[];
  readonly byAge: readonly { bucket: AgeBucket; totalMinor: number }[];
  readonly trend: readonly { week: string; totalMinor: number }[];
  readonly changeFromPreviousWeekMinor: number;
  readonly pendingPastSla: readonly {
    request: string;
    totalMinor: number;
    submittedAtMs: number;
    thread: ThreadRef | null;
  }[];
  readonly rejected: number;
  readonly stale: number;
  readonly largest: readonly DigestItem[];
}

export interface DigestInput {
  readonly week: IsoWeek;
  readonly timezone: string;
  readonly slaMs?: number;
}
