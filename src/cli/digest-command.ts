// `writeoff digest [--week YYYY-Www] [--tz ZONE] [--json]`: the weekly digest managers get by
// DM (docs/digest.md), for a week (default: last week in the zone) and a zone (default: the
// company time zone). Reads only.
import type { Command } from 'commander';
import { buildDigest } from '../app/build-digest.ts';
import type { Digest } from '../domain/digest.ts';
import { formatInstant } from '../domain/digest.ts';
import { digestToJson } from '../domain/digest-json.ts';
import { formatAmount } from '../domain/money.ts';
import { type CliIo, dbPath, failWith, openExisting, withDatabase } from './context.ts';
import { registerDigestSubscriptions } from './digest-subscribe-command.ts';

export function registerDigest(program: Command, io: CliIo): void {
  const digest = program
    .command('digest')
    .description("a week's write-offs for managers: posted, reversed, breakdowns, trend")
    .option('--week <week>', 'ISO week like 2026-W49 (default: last week)')
    .option('--tz <zone>', 'IANA time zone (default: the company time zone)')
    .option('--json', 'print JSON')
    .option('--db <path>', 'database file')
    .action((options: { week?: string; tz?: string; json?: boolean; db?: string }) => {
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const result = buildDigest(
          { store, now: io.now },
          {
            ...(options.week !== undefined && { week: options.week }),
            ...(options.tz !== undefined && { timezone: options.tz }),
          },
        );
        if (!result.ok) failWith(result.error, 'USD');
        io.stdout(
          options.json === true
            ? `${JSON.stringify(digestToJson(result.value), null, 2)}\n`
            : digestText(result.value),
        );
      });
    });
  registerDigestSubscriptions(digest, io);
}

/** The digest as plain text, one section per heading, amounts right-aligned. */
export function digestText(d: Digest): string {
  const money = (minor: number) => formatAmount(minor, d.currency);
  const out: string[] = [];
  const row = (label: string, minor: number, extra = '') =>
    out.push(`  ${label.padEnd(28)} ${money(minor).padStart(14)}${extra}`);
  const section = (title: string) => out.push('', title);
  out.push(`Write-off digest ${d.week} (${d.from} to ${d.to}, ${d.timezone}), ${d.currency}`);
  section('Totals');
  row('posted', d.posted.totalMinor, `  ${d.posted.requests} requests, ${d.posted.items} items`);
  row('reversed', d.reversed.totalMinor, `  ${d.reversed.count} reversals`);
  row('net', d.netMinor);
  row('change from previous week', d.changeFromPreviousWeekMinor);
  section('By reason');
  for (const r of d.byReason) row(r.reason, r.totalMinor, `  ${r.requests} requests`);
  section('By clerk');
  for (const c of d.byClerk) row(c.user, c.totalMinor, `  ${c.requests} requests`);
  section('By customer');
  for (const c of d.byCustomer) row(`${c.customer} ${c.name}`.slice(0, 28), c.totalMinor);
  section('By age (days)');
  for (const a of d.byAge) row(a.bucket, a.totalMinor);
  section('Trend (posted per week)');
  for (const t of d.trend) row(t.week, t.totalMinor);
  section(`Pending past SLA (${d.pendingPastSla.length})`);
  for (const p of d.pendingPastSla) {
    row(p.request, p.totalMinor, `  submitted ${formatInstant(p.submittedAtMs)}`);
  }
  section('Decided this week');
  out.push(`  rejected ${d.rejected}, stale ${d.stale}`);
  section('Largest items');
  for (const i of d.largest) {
    const what = i.invoice === null ? `on-account ${i.onAccount}` : `invoice ${i.invoice}`;
    row(`${i.request} ${i.customer}`, i.totalMinor, `  ${what}`);
  }
  return `${out.join('\n')}\n`;
}
