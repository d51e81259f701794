// Ledger-wide settings on PostgreSQL, the async twin of src/db/settings.repo.ts.
import { eq, inArray } from 'drizzle-orm';
import type { LedgerSettings } from '../settings.repo.ts';
import { settings } from './schema.ts';
import type { PgTx } from './types.ts';

export async function getSetting(tx: PgTx, key: string): Promise<string | null> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, key));
  return row?.value ?? null;
}

export async function putSetting(tx: PgTx, key: string, value: string): Promise<void> {
  await tx
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } });
}

/**
 * Null until the first import. Both keys in one statement: read on every `/writeoff`, where each
 * statement is a round trip to the server (docs/decisions/395-pg-writeoff-post-ack-cpu.md).
 */
export async function getLedgerSettings(tx: PgTx): Promise<LedgerSettings | null> {
  const rows = await tx
    .select()
    .from(settings)
    .where(inArray(settings.key, ['currency', 'timezone']));
  const currency = rows.find((row) => row.key === 'currency')?.value;
  const timezone = rows.find((row) => row.key === 'timezone')?.value;
  return currency === undefined || timezone === undefined ? null : { currency, timezone };
}
