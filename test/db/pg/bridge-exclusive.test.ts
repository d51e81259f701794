// Exclusive job passes across instances (docs/decisions/295-cluster-wide-job-passes.md) through
// the store: two bot processes' stores on one server database, only one holds the digest pass
// at a time; closing the holder frees it. On PGlite (one process) the pass is always this one's.
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type Store } from '../../../src/db/store.ts';
import { openPgTestStore } from '../../support/pg-store.ts';
import { createServerDatabase, pgBackends } from './backends.ts';

const server = pgBackends().find(({ backend }) => backend.name === 'server');

describe('exclusive passes through the PostgreSQL store', () => {
  const opened: Store[] = [];
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const store of opened) store.close();
    for (const drop of drops) await drop();
  });

  it('on PGlite: this process always holds it', () => {
    const store = openPgTestStore('pglite');
    opened.push(store);
    expect(store.beginExclusive('digest')).toBe(true);
    store.endExclusive('digest');
    expect(store.beginExclusive('digest')).toBe(true);
    store.endExclusive('digest');
  });

  it.skipIf(server?.skip !== false)('on the server: one instance at a time', async () => {
    const database = await createServerDatabase();
    drops.push(database.drop);
    const a = openPostgresStore(database.url);
    const b = openPostgresStore(database.url);
    opened.push(a, b);
    expect(a.beginExclusive('digest')).toBe(true);
    expect(b.beginExclusive('digest')).toBe(false);
    a.endExclusive('digest');
    expect(b.beginExclusive('digest')).toBe(true);
    expect(a.beginExclusive('digest')).toBe(false);
    // The holder goes away (an instance that stops or dies): its lock goes with its connection.
    b.close();
    opened.splice(opened.indexOf(b), 1);
    expect(a.beginExclusive('digest')).toBe(true);
    a.endExclusive('digest');
  });
});
