// The bridge thread's database in production: the server named by DATABASE_URL, migrated
// (docs/decisions/300-postgresql-behind-the-synchronous-store.md).
import { openPgDatabase, type PgDatabaseHandle } from './client.ts';

export function openBridgeDatabase(url: string): Promise<PgDatabaseHandle> {
  return openPgDatabase(url);
}
