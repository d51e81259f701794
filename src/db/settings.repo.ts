// Ledger-wide settings from the imported file: its currency and the company timezone. Read on
// every `/writeoff`, so the read is one cached statement (connectionOf).
import { connectionOf, sessionOf, type Tx } from './client.ts';
import { settings } from './schema.ts';

export interface LedgerSettings {
  readonly currency: string;
  readonly timezone: string;
}

export function getSetting(tx: Tx, key: string): string | null {
  const row = connectionOf(tx).sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key);
  return (row as { value: string } | undefined)?.value ?? null;
}

export function putSetting(tx: Tx, key: string, value: string): void {
  sessionOf(tx)
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();
}

/** Null until the first import. */
export function getLedgerSettings(tx: Tx): LedgerSettings | null {
  const currency = getSetting(tx, 'currency');
  const timezone = getSetting(tx, 'timezone');
  return currency === null || timezone === null ? null : { currency, timezone };
}
