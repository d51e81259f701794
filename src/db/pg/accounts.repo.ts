// The chart of accounts and the fiscal periods on PostgreSQL, the async twin of
// src/db/accounts.repo.ts.
import { asc, eq } from 'drizzle-orm';
import type { LedgerContext } from '../../domain/ledger-context.ts';
import { resolvePostingAccounts } from '../../domain/ledger-context.ts';
import type { Account, Period, PostingAccounts } from '../../domain/types.ts';
import { accounts, periods } from './schema.ts';
import { getSetting } from './settings.repo.ts';
import type { PgTx } from './types.ts';

/** Active accounts (those in the latest imported chart), by code. */
export async function listAccounts(tx: PgTx): Promise<Account[]> {
  const rows = await tx
    .select()
    .from(accounts)
    .where(eq(accounts.active, true))
    .orderBy(asc(accounts.code));
  return rows.map((a) => ({ code: a.code, name: a.name, role: a.role, isDefault: a.isDefault }));
}

/** Null when the chart is incomplete (no import yet). */
export async function getPostingAccounts(tx: PgTx): Promise<PostingAccounts | null> {
  const resolved = resolvePostingAccounts(await listAccounts(tx));
  return resolved.ok ? resolved.value : null;
}

/** All periods by start date, open and closed. */
export async function listPeriods(tx: PgTx): Promise<Period[]> {
  const rows = await tx.select().from(periods).orderBy(asc(periods.startOn));
  return rows.map((p) => ({ name: p.name, start: p.startOn, end: p.endOn, closed: p.closed }));
}

export async function listOpenPeriods(tx: PgTx): Promise<Period[]> {
  return (await listPeriods(tx)).filter((p) => !p.closed);
}

export async function getPeriod(tx: PgTx, name: string): Promise<Period | null> {
  return (await listPeriods(tx)).find((p) => p.name === name) ?? null;
}

/** Currency, chart and periods in one value for the preview engine; null before an import. */
export async function loadLedgerContext(tx: PgTx): Promise<LedgerContext | null> {
  const currency = await getSetting(tx, 'currency');
  const postingAccounts = await getPostingAccounts(tx);
  if (currency === null || postingAccounts === null) return null;
  return {
    currency,
    accounts: await listAccounts(tx),
    periods: await listPeriods(tx),
    postingAccounts,
  };
}
