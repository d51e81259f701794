// The bridge thread's database in tests (docs/decisions/300-postgresql-behind-the-synchronous-store.md):
// 'pglite' opens an in-process PGlite from the migrated snapshot; 'server' a fresh database on
// TEST_DATABASE_URL, dropped when the bridge closes. `bridgeRepos` adds the tests' raw SQL.
import type { PgDatabaseHandle } from '../../src/db/pg/client.ts';
import { openServerTestDatabase, PGLITE } from '../db/pg/backends.ts';
import { testSql } from './pg-test-sql.ts';

export function openBridgeDatabase(arg: string): Promise<PgDatabaseHandle> {
  return arg === 'server' ? openServerTestDatabase() : PGLITE.open();
}

export const bridgeRepos = { 'test-sql': testSql };
