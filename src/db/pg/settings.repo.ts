// Ledger-wide settings on PostgreSQL, the async twin of src/db/settings.repo.ts.
import { eq } from 'drizzle-orm';
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

/** Null until the first import. */
export async function getLedgerSettings(tx: PgTx): Promise<LedgerSettings | null> {
  const currency = await getSetting(tx, 'currency');
  const timezone = await getSetting(tx, 'timezone');
  return currency === null || timezone === null ? null : { currency, timezone };
}
