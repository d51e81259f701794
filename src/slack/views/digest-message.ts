// The weekly digest DM (docs/digest.md): a fixed set of blocks whatever the week holds, so it
// stays far below Slack's 50-block limit; long lists are cut to a few lines with "and N more"
// and every section's text to Slack's 3,000 characters. Customer names are escaped.
import type { Digest } from '../../domain/digest.ts';
import { formatInstant } from '../../domain/digest.ts';
import { formatMoney } from '../../domain/money.ts';
import {
  context,
  divider,
  escapeMrkdwn,
  fields,
  header,
  type KnownBlock,
  mentionUser,
  section,
  truncate,
} from '../blocks.ts';

export const DIGEST_LIST_LINES = 10;
const SECTION_MAX = 3000;

/** Thread permalinks of the pending requests, by request id (from chat.getPermalink). */
export type ThreadLinks = ReadonlyMap<string, string>;

function list(title: string, lines: readonly string[], empty: string): KnownBlock {
  const shown = lines.slice(0, DIGEST_LIST_LINES);
  const more = lines.length - shown.length;
  const body = lines.length === 0 ? `_${empty}_` : shown.join('\n');
  const tail = more > 0 ? `\n…and ${more} more (see the CSV report)` : '';
  return section(truncate(`*${title}*\n${body}${tail}`, SECTION_MAX));
}

export function digestMessage(
  d: Digest,
  links: ThreadLinks = new Map(),
): { text: string; blocks: KnownBlock[] } {
  const money = (minor: number) => formatMoney(minor, d.currency);
  const change = d.changeFromPreviousWeekMinor;
  const blocks: KnownBlock[] = [
    header(`Write-off digest ${d.week}`),
    context([`${d.from} to ${d.to} · ${escapeMrkdwn(d.timezone)} · ${d.currency}`]),
    fields([
      `*Posted*\n${money(d.posted.totalMinor)} · ${d.posted.requests} requests, ${d.posted.items} items`,
      `*Reversed*\n${money(d.reversed.totalMinor)} · ${d.reversed.count} reversals`,
      `*Net*\n${money(d.netMinor)}`,
      `*Change from previous week*\n${change > 0 ? '+' : ''}${money(change)}`,
    ]),
    divider(),
    list(
      'By reason',
      d.byReason.map((r) => `${escapeMrkdwn(r.reason)}: ${money(r.totalMinor)} (${r.requests})`),
      'nothing posted',
    ),
    list(
      'By clerk',
      d.byClerk.map((c) => `${mentionUser(c.user)}: ${money(c.totalMinor)} (${c.requests})`),
      'nothing posted',
    ),
    list(
      'By customer',
      d.byCustomer.map(
        (c) => `${escapeMrkdwn(c.customer)} ${escapeMrkdwn(c.name)}: ${money(c.totalMinor)}`,
      ),
      'nothing posted',
    ),
    list(
      'By invoice age (days)',
      d.byAge.map((a) => `${a.bucket}: ${money(a.totalMinor)}`),
      'nothing posted',
    ),
    list(
      'Posted per week',
      d.trend.map((t) => `${t.week}: ${money(t.totalMinor)}`),
      'no weeks',
    ),
    divider(),
    list(
      `Pending past SLA (${d.pendingPastSla.length})`,
      d.pendingPastSla.map((p) => {
        const link = links.get(p.request);
        const name = link === undefined ? p.request : `<${link}|${p.request}>`;
        return `${name}: ${money(p.totalMinor)}, submitted ${formatInstant(p.submittedAtMs)}`;
      }),
      'none',
    ),
    context([`Decided this week: ${d.rejected} rejected · ${d.stale} stale`]),
    list(
      'Largest items',
      d.largest.map((i) => {
        const item = i.invoice === null ? `on-account ${i.onAccount}` : `invoice ${i.invoice}`;
        return `${i.request} · ${escapeMrkdwn(i.customer)} ${escapeMrkdwn(item ?? '')}: ${money(i.totalMinor)}`;
      }),
      'nothing posted',
    ),
    context(['The chart and the full report (CSV, every posted line) are in the thread.']),
  ];
  const text = `Write-off digest ${d.week}: posted ${money(d.posted.totalMinor)}, net ${money(d.netMinor)}`;
  return { text, blocks };
}
