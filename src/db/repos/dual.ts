// One repository module for both backends (docs/decisions/300-postgresql-behind-the-synchronous-store.md):
// on a SQLite Tx each function is the SQLite function itself; on a PostgreSQL Tx the bridge
// thread runs the PostgreSQL twin of the same name (src/db/pg/<repo>.repo.ts) with the same
// arguments. Constants and pure functions (no Tx first) pass through unchanged.
import { bridgeOf } from '../pg-store.ts';
import type { Tx } from '../tx.ts';

type Fn = (first: unknown, ...args: unknown[]) => unknown;

export function dualModule<M extends object>(repo: string, sqlite: M): M {
  const both: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(sqlite)) {
    both[name] = typeof value === 'function' ? dual(repo, name, value as Fn) : value;
  }
  return both as M;
}

function dual(repo: string, name: string, sqlite: Fn): Fn {
  return (first, ...args) => {
    const bridge = typeof first === 'object' && first !== null ? bridgeOf(first as Tx) : undefined;
    return bridge === undefined ? sqlite(first, ...args) : bridge.callRepo(repo, name, args);
  };
}
