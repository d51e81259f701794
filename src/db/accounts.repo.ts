// The chart of accounts and the fiscal periods, as domain values.
import { asc, eq } from 'drizzle-orm';
import type { LedgerContext } from '../domain/ledger-context.ts';
import { resolvePostingAccounts } from '../domain/ledger-context.ts';
import type { Account, Period, PostingAccounts } from '../domain/types.ts';
import { connectionOf, sessionOf, type Tx } from './client.ts';
import { accounts } from './schema.ts';
import { getSetting } from './settings.repo.ts';

/** Active accounts (those in the latest imported chart), by code. */
export function listAccounts(tx: Tx): Account[] {
  return sessionOf(tx)
    .select()
    .from(accounts)
    .where(eq(accounts.active, true))
    .orderBy(asc(accounts.code))
    .all()
    .map((a) => ({ code: a.code, name: a.name, role: a.role, isDefault: a.isDefault }));
}

/** Null when the chart is incomplete (no import yet). */
export function getPostingAccounts(tx: Tx): PostingAccounts | null {
  const resolved = resolvePostingAccounts(listAccounts(tx));
  return resolved.ok ? resolved.value : null;
}

/** All periods by start date, open and closed. */
export function listPeriods(tx: Tx): Period[] {
  // A cached statement: every `/writeoff` lists the open periods (connectionOf).
  const rows = connectionOf(tx)
    .sqlite.prepare(
      'SELECT name, start_on AS start, end_on AS end, closed FROM periods ORDER BY start_on',
    )
    .all() as { name: string; start: string; end: string; closed: number }[];
  return rows.map((p) => ({ name: p.name, start: p.start, end: p.end, closed: p.closed !== 0 }));
}

export function listOpenPeriods(tx: Tx): Period[] {
  return listPeriods(tx).filter((p) => !p.closed);
}

export function getPeriod(tx: Tx, name: string): Period | null {
  return listPeriods(tx).find((p) => p.name === name) ?? null;
}

/** Currency, chart and periods in one value for the preview engine; null before an import. */
export function loadLedgerContext(tx: Tx): LedgerContext | null {
  const currency = getSetting(tx, 'currency');
  const postingAccounts = getPostingAccounts(tx);
  if (currency === null || postingAccounts === null) return null;
  return { currency, accounts: listAccounts(tx), periods: listPeriods(tx), postingAccounts };
}
