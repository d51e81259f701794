// A serving process never waits long for a lock on PostgreSQL (ADR 300): after
// `neverWaitForLocks` every statement, in a transaction or outside one, has the short
// lock_timeout, set once per connection (docs/decisions/395-pg-writeoff-post-ack-cpu.md), and a
// row held by another connection fails with 55P03 instead of holding the thread.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { bridgeOf, isPgLockedError, SERVER_LOCK_TIMEOUT_MS } from '../../../src/db/pg-store.ts';
import { putSetting } from '../../../src/db/repos/settings.ts';
import type { Store, Tx } from '../../../src/db/store.ts';
import { sqlAll, sqlColumn } from '../../support/backend.ts';
import { openPgTestStore } from '../../support/pg-store.ts';
import { pgBackends, TEST_DATABASE_URL } from './backends.ts';

const show = (tx: Tx): unknown => {
  const rows = bridgeOf(tx)?.callRepo('test-sql', 'all', ['SHOW lock_timeout', []]);
  return (rows as { lock_timeout: string }[])[0]?.lock_timeout;
};

describe.each(pgBackends())(
  'lock waits of a serving store on $backend.name',
  ({ backend, skip }) => {
    let store: Store | undefined;
    afterAll(() => store?.close());
    const opened = () => {
      store ??= openPgTestStore(backend.name);
      return store;
    };
    const limit = `${SERVER_LOCK_TIMEOUT_MS}ms`;

    it.skipIf(skip)('has the short lock_timeout in every transaction and outside them', () => {
      const s = opened();
      expect(s.read(show)).toBe('0');
      s.neverWaitForLocks();
      expect(sqlAll(s, 'SHOW lock_timeout')).toEqual([{ lock_timeout: limit }]);
      for (let i = 0; i < 3; i += 1) {
        expect(s.write(show)).toBe(limit);
        expect(s.read(show)).toBe(limit);
        expect(s.write((tx) => s.read(() => show(tx)))).toBe(limit);
      }
    });

    it.skipIf(skip || backend.name !== 'server')(
      'fails at once on a row another connection holds',
      async () => {
        const s = opened();
        s.neverWaitForLocks();
        s.write((tx) => putSetting(tx, 'held', 'before'));
        const url = new URL(TEST_DATABASE_URL ?? '');
        url.pathname = `/${String(sqlColumn(s, 'SELECT current_database()')[0])}`;
        const other = new pg.Client({ connectionString: url.toString() });
        await other.connect();
        try {
          await other.query('BEGIN');
          await other.query("SELECT * FROM settings WHERE key = 'held' FOR UPDATE");
          const started = Date.now();
          let failure: unknown;
          try {
            s.write((tx) => putSetting(tx, 'held', 'after'));
          } catch (error) {
            failure = error;
          }
          expect(isPgLockedError(failure)).toBe(true);
          expect(Date.now() - started).toBeLessThan(2000);
        } finally {
          await other.query('ROLLBACK');
          await other.end();
        }
      },
    );
  },
);
