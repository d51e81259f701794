// The bridge thread's database in production: the server named by DATABASE_URL, migrated
// (docs/decisions/300-postgresql-behind-the-synchronous-store.md).
import { openPgDatabase, type PgDatabaseHandle } from './client.ts';
import { openPgPassLocks, type PassLocks } from './pass-lock.ts';

export function openBridgeDatabase(url: string): Promise<PgDatabaseHandle> {
  return openPgDatabase(url);
}

/** The advisory locks of exclusive job passes, on a connection of their own (ADR 295). */
export function openBridgePassLocks(url: string): PassLocks {
  return openPgPassLocks(url);
}
