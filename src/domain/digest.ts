// The weekly digest for managers (docs/digest.md): what was posted, reversed, rejected and left
// pending in one ISO week of the reader's zone, with breakdowns that each add up to the posted
// total. Pure: the caller reads the facts (a few weeks around the one asked for) and this file
// decides which fall in the week. Money stays integer minor units.
import {
  AGE_BUCKETS,
  type AgeBucket,
  DEFAULT_SLA_MS,
  type Digest,
  type DigestFacts,
  type DigestInput,
  type DigestItem,
  type ItemSummary,
  LARGEST_ITEMS,
  NO_REASON,
  OTHER_CUSTOMERS,
  type PostedItemFact,
  type PostedRequestFact,
  type SubmittedRequestFact,
  TOP_CUSTOMERS,
  TREND_WEEKS,
} from './digest-types.ts';
import {
  formatIsoWeek,
  type IsoWeek,
  shiftWeek,
  type WeekBounds,
  weekBounds,
} from './digest-week.ts';
import type { IsoDate } from './types.ts';

// Callers keep importing the vocabulary from here.
export {
  AGE_BUCKETS,
  type AgeBucket,
  DEFAULT_SLA_MS,
  type DecisionFact,
  type Digest,
  type DigestFacts,
  type DigestInput,
  type DigestItem,
  type ItemSummary,
  LARGEST_ITEMS,
  NO_REASON,
  OTHER_CUSTOMERS,
  type PostedItemFact,
  type PostedRequestFact,
  type ReversalFact,
  type SubmittedRequestFact,
  type ThreadRef,
  TOP_CUSTOMERS,
  TREND_WEEKS,
} from './digest-types.ts';

/** The first instant the facts must cover: the start of the oldest trend week. */
export function digestWindow(week: IsoWeek, timezone: string): { startMs: number; endMs: number } {
  const oldest = weekBounds(shiftWeek(week, 1 - TREND_WEEKS), timezone);
  return { startMs: oldest.startMs, endMs: weekBounds(week, timezone).endMs };
}

const inWeek = (atMs: number, b: WeekBounds) => atMs >= b.startMs && atMs < b.endMs;

export function buildDigest(input: DigestInput, facts: DigestFacts): Digest {
  const bounds = weekBounds(input.week, input.timezone);
  const posted = facts.posted.filter((p) => inWeek(p.postedAtMs, bounds));
  const postedIds = new Set(posted.map((p) => p.requestId));
  const writeOffOn = new Map(posted.map((p) => [p.requestId, p.writeOffOn]));
  const items =
    facts.itemSummary ??
    summarize(
      facts.items.filter((i) => postedIds.has(i.requestId)),
      writeOffOn,
    );
  const totalMinor = sum(posted.map((p) => p.totalMinor));
  const reversals = facts.reversals.filter((r) => inWeek(r.atMs, bounds));
  const reversedMinor = sum(reversals.map((r) => r.totalMinor));
  const trend = trendOf(input, facts.posted);
  const decided = facts.decisions.filter((d) => inWeek(d.atMs, bounds));
  return {
    week: formatIsoWeek(input.week),
    timezone: input.timezone,
    from: bounds.fromDate,
    to: bounds.toDate,
    currency: facts.currency,
    posted: { totalMinor, requests: posted.length, items: items.count },
    reversed: { count: reversals.length, totalMinor: reversedMinor },
    netMinor: totalMinor - reversedMinor,
    byReason: groupRequests(posted, (p) => p.reasonCode ?? NO_REASON).map((g) => ({
      reason: g.key,
      totalMinor: g.totalMinor,
      requests: g.requests,
    })),
    byClerk: groupRequests(posted, (p) => p.requester).map((g) => ({
      user: g.key,
      totalMinor: g.totalMinor,
      requests: g.requests,
    })),
    byCustomer: byCustomer(items.byCustomer),
    byAge: byAge(items.byAgeDays),
    trend,
    changeFromPreviousWeekMinor: (trend.at(-1)?.totalMinor ?? 0) - (trend.at(-2)?.totalMinor ?? 0),
    pendingPastSla: pendingPastSla(facts.submitted, bounds, input.slaMs ?? DEFAULT_SLA_MS),
    rejected: decided.filter((d) => d.kind === 'rejected').length,
    stale: decided.filter((d) => d.kind === 'stale').length,
    largest: largestItems(items.largest),
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Total descending, then key ascending (code-point order, the same on every machine). */
function byTotalThenKey<T extends { totalMinor: number }>(key: (t: T) => string) {
  return (a: T, b: T) => b.totalMinor - a.totalMinor || compareText(key(a), key(b));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupRequests(
  posted: readonly PostedRequestFact[],
  keyOf: (p: PostedRequestFact) => string,
): { key: string; totalMinor: number; requests: number }[] {
  const groups = new Map<string, { key: string; totalMinor: number; requests: number }>();
  for (const p of posted) {
    const key = keyOf(p);
    const g = groups.get(key) ?? { key, totalMinor: 0, requests: 0 };
    g.totalMinor += p.totalMinor;
    g.requests += 1;
    groups.set(key, g);
  }
  return [...groups.values()].sort(byTotalThenKey((g) => g.key));
}

function byCustomer(items: ItemSummary['byCustomer']): Digest['byCustomer'] {
  const groups = new Map<string, { customer: string; name: string; totalMinor: number }>();
  for (const i of items) {
    const g = groups.get(i.customerId) ?? {
      customer: i.customerId,
      name: i.customerName,
      totalMinor: 0,
    };
    g.totalMinor += i.amountMinor;
    groups.set(i.customerId, g);
  }
  const sorted = [...groups.values()].sort(byTotalThenKey((g) => g.customer));
  if (sorted.length <= TOP_CUSTOMERS) return sorted;
  const rest = sorted.slice(TOP_CUSTOMERS);
  return [
    ...sorted.slice(0, TOP_CUSTOMERS),
    {
      customer: OTHER_CUSTOMERS,
      name: `${rest.length} other customers`,
      totalMinor: sum(rest.map((g) => g.totalMinor)),
    },
  ];
}

const MS_PER_DAY = 86_400_000;

function dayNumber(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** Age in days on the write-off date; an item dated after it counts as 0 days old. */
export function ageBucket(ageDays: number): AgeBucket {
  if (ageDays <= 90) return '0-90';
  if (ageDays <= 180) return '91-180';
  if (ageDays <= 365) return '181-365';
  return '366+';
}

/** Items as the database would sum them: every item is its own row. */
function summarize(
  items: readonly PostedItemFact[],
  writeOffOn: ReadonlyMap<string, IsoDate>,
): ItemSummary {
  const days = new Map<IsoDate, number>();
  const dayOf = (date: IsoDate) => {
    let n = days.get(date);
    if (n === undefined) {
      n = dayNumber(date);
      days.set(date, n);
    }
    return n;
  };
  return {
    count: items.length,
    byCustomer: items,
    byAgeDays: items.map((i) => ({
      ageDays: dayOf(writeOffOn.get(i.requestId) ?? i.itemOn) - dayOf(i.itemOn),
      amountMinor: i.amountMinor,
    })),
    largest: items,
  };
}

function byAge(rows: ItemSummary['byAgeDays']): Digest['byAge'] {
  const totals = new Map<AgeBucket, number>(AGE_BUCKETS.map((b) => [b, 0]));
  for (const r of rows) {
    const bucket = ageBucket(r.ageDays);
    totals.set(bucket, (totals.get(bucket) ?? 0) + r.amountMinor);
  }
  return AGE_BUCKETS.map((bucket) => ({ bucket, totalMinor: totals.get(bucket) ?? 0 }));
}

function trendOf(input: DigestInput, posted: readonly PostedRequestFact[]): Digest['trend'] {
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) =>
    weekBounds(shiftWeek(input.week, i + 1 - TREND_WEEKS), input.timezone),
  );
  return weeks.map((b) => ({
    week: formatIsoWeek(b.week),
    totalMinor: sum(posted.filter((p) => inWeek(p.postedAtMs, b)).map((p) => p.totalMinor)),
  }));
}

// Pending at the end of the week and submitted more than the SLA before that end.
function pendingPastSla(
  submitted: readonly SubmittedRequestFact[],
  bounds: WeekBounds,
  slaMs: number,
): Digest['pendingPastSla'] {
  return submitted
    .filter(
      (s) =>
        s.submittedAtMs < bounds.endMs - slaMs &&
        (s.leftPendingAtMs === null || s.leftPendingAtMs >= bounds.endMs),
    )
    .sort((a, b) => a.submittedAtMs - b.submittedAtMs || compareText(a.requestId, b.requestId))
    .map((s) => ({
      request: s.requestId,
      totalMinor: s.totalMinor,
      submittedAtMs: s.submittedAtMs,
      thread: s.thread,
    }));
}

// Largest by magnitude: a big credit written off matters as much as a big debit. One pass
// keeping the best few (a week can hold 200k items; sorting them all was a third of the time).
type LargestCandidate = ItemSummary['largest'][number];

function largestItems(items: ItemSummary['largest']): DigestItem[] {
  const before = (a: LargestCandidate, b: LargestCandidate) =>
    Math.abs(b.amountMinor) - Math.abs(a.amountMinor) ||
    compareText(a.requestId, b.requestId) ||
    compareText(a.invoice ?? a.onAccount ?? '', b.invoice ?? b.onAccount ?? '');
  const best: LargestCandidate[] = [];
  for (const item of items) {
    if (best.length === LARGEST_ITEMS) {
      if (before(item, best[LARGEST_ITEMS - 1] as LargestCandidate) >= 0) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0 && before(item, best[at - 1] as LargestCandidate) < 0) at -= 1;
    best.splice(at, 0, item);
  }
  return best.map((i) => ({
    request: i.requestId,
    customer: i.customerId,
    invoice: i.invoice,
    onAccount: i.onAccount,
    totalMinor: i.amountMinor,
  }));
}

/** `2026-12-01T09:12:00Z`: whole seconds, UTC. */
export function formatInstant(atMs: number): string {
  return new Date(atMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
