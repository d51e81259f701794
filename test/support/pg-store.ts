// A PostgreSQL Store for tests: a bridge thread over PGlite, or over a fresh database on the
// server named by TEST_DATABASE_URL (test/db/pg/backends.ts).
import { pgStore } from '../../src/db/pg-store.ts';
import type { Store } from '../../src/db/store.ts';

const OPENER = new URL('./pg-bridge-opener.ts', import.meta.url).href;

export function openPgTestStore(backend: 'pglite' | 'server' = 'pglite'): Store {
  return pgStore({ module: OPENER, arg: backend });
}
