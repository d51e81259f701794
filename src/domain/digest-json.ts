// The digest as the CLI's `--json` prints it (docs/digest.md): amounts as plain decimal strings
// in the ledger currency, instants as UTC ISO text. Key order is part of the contract.
import { type Digest, formatInstant } from './digest.ts';
import { formatAmount } from './money.ts';

export function digestToJson(d: Digest): Record<string, unknown> {
  const money = (minor: number) => formatAmount(minor, d.currency);
  return {
    week: d.week,
    timezone: d.timezone,
    from: d.from,
    to: d.to,
    currency: d.currency,
    posted: {
      total: money(d.posted.totalMinor),
      requests: d.posted.requests,
      items: d.posted.items,
    },
    reversed: { count: d.reversed.count, total: money(d.reversed.totalMinor) },
    net: money(d.netMinor),
    byReason: d.byReason.map((r) => ({
      reason: r.reason,
      total: money(r.totalMinor),
      requests: r.requests,
    })),
    byClerk: d.byClerk.map((c) => ({
      user: c.user,
      total: money(c.totalMinor),
      requests: c.requests,
    })),
    byCustomer: d.byCustomer.map((c) => ({
      customer: c.customer,
      name: c.name,
      total: money(c.totalMinor),
    })),
    byAge: d.byAge.map((a) => ({ bucket: a.bucket, total: money(a.totalMinor) })),
    trend: d.trend.map((t) => ({ week: t.week, total: money(t.totalMinor) })),
    changeFromPreviousWeek: money(d.changeFromPreviousWeekMinor),
    pendingPastSla: d.pendingPastSla.map((p) => ({
      request: p.request,
      total: money(p.totalMinor),
      submittedAt: formatInstant(p.submittedAtMs),
    })),
    rejected: d.rejected,
    stale: d.stale,
    largest: d.largest.map((i) => ({
      request: i.request,
      customer: i.customer,
      ...(i.invoice === null ? { onAccount: i.onAccount } : { invoice: i.invoice }),
      total: money(i.totalMinor),
    })),
  };
}
