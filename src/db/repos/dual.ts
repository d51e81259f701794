// One repository function for both backends (docs/decisions/300-postgresql-behind-the-synchronous-store.md):
// on a SQLite Tx it is the SQLite function itself; on a PostgreSQL Tx the bridge thread runs the
// PostgreSQL twin of the same name (src/db/pg/<repo>.repo.ts) with the same arguments.
import { bridgeOf } from '../pg-store.ts';
import type { Tx } from '../tx.ts';

// biome-ignore lint/suspicious/noExplicitAny: any repository signature passes through unchanged
type RepoFunction = (tx: Tx, ...args: any[]) => any;

export function dual<F extends RepoFunction>(repo: string, name: string, sqlite: F): F {
  const both = (tx: Tx, ...args: unknown[]) => {
    const bridge = bridgeOf(tx);
    return bridge === undefined ? sqlite(tx, ...args) : bridge.callRepo(repo, name, args);
  };
  return both as F;
}
