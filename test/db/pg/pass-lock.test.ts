// An exclusive job pass on PostgreSQL (docs/decisions/295-cluster-wide-job-passes.md): the pass
// runs on the instance that holds its advisory lock and is skipped elsewhere; the lock is freed
// when the pass ends or throws, and when the holder's connection dies. PGlite has one session, so
// there the tests show this process's side; the real server shows two instances.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDatabaseHandle } from '../../../src/db/pg/client.ts';
import {
  type LockConnection,
  openPgPassLocks,
  PASS_LOCK_KEYS,
  type PassLocks,
  passLocksOn,
} from '../../../src/db/pg/pass-lock.ts';
import { pgBackends, query } from './backends.ts';

const KEY = PASS_LOCK_KEYS.digest;
const OTHER_KEY = 7_242_299;

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Backends whose database has a URL open a real connection; PGlite lends its one session. */
function passLocksFor(handle: PgDatabaseHandle): PassLocks {
  const url = (handle as { url?: string }).url;
  if (url !== undefined) return openPgPassLocks(url);
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  const session: LockConnection = {
    query: (text, params) => client.query(text, params),
    end: async () => {},
  };
  return passLocksOn(async () => session);
}

/** Sessions holding the advisory lock `key` (a bigint key: high and low 32 bits). */
async function holders(handle: PgDatabaseHandle, key: number): Promise<number[]> {
  const rows = await query<{ pid: number }>(
    handle,
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
       AND classid = ${Math.floor(key / 2 ** 32)} AND objid = ${key % 2 ** 32}`,
  );
  return rows.map((r) => Number(r.pid));
}

describe.each(pgBackends())(
  'exclusive passes on PostgreSQL ($backend.name)',
  ({ backend, skip }) => {
    let handle: PgDatabaseHandle | undefined;
    let locks: PassLocks | undefined;
    beforeAll(async () => {
      if (skip) return;
      handle = await backend.open();
      locks = passLocksFor(handle);
    }, 120_000);
    afterAll(async () => {
      await locks?.close();
      await handle?.close();
    }, 120_000);
    const opened = () => {
      if (handle === undefined || locks === undefined) throw new Error('database not opened');
      return { handle, locks };
    };

    it.skipIf(skip)('runs the pass under the lock and frees it afterwards', async () => {
      const { handle, locks } = opened();
      const outcome = await locks.runExclusive(
        KEY,
        async () => (await holders(handle, KEY)).length,
      );
      expect(outcome).toEqual({ ran: true, value: 1 });
      expect(await holders(handle, KEY)).toEqual([]);
    });

    it.skipIf(skip)('skips a pass this instance is still running, not another pass', async () => {
      const { locks } = opened();
      const gate = deferred();
      const first = locks.runExclusive(KEY, async () => {
        await gate.promise;
        return 'first';
      });
      expect(await locks.runExclusive(KEY, async () => 'again')).toEqual({ ran: false });
      expect(await locks.runExclusive(OTHER_KEY, async () => 'other')).toEqual({
        ran: true,
        value: 'other',
      });
      gate.resolve();
      expect(await first).toEqual({ ran: true, value: 'first' });
      expect(await locks.runExclusive(KEY, async () => 'next')).toEqual({
        ran: true,
        value: 'next',
      });
    });

    it.skipIf(skip)(
      'acquires and releases in two halves (a pass run by another thread)',
      async () => {
        const { handle, locks } = opened();
        expect(await locks.tryAcquire(KEY)).toBe(true);
        expect(await locks.tryAcquire(KEY)).toBe(false);
        expect(await holders(handle, KEY)).toHaveLength(1);
        await locks.release(KEY);
        expect(await holders(handle, KEY)).toEqual([]);
        // A release without the lock is nothing to do.
        await locks.release(KEY);
        expect(await locks.runExclusive(KEY, async () => 'after')).toEqual({
          ran: true,
          value: 'after',
        });
      },
    );

    it.skipIf(skip)('frees the lock when the pass throws', async () => {
      const { handle, locks } = opened();
      await expect(
        locks.runExclusive(KEY, async () => {
          throw new Error('Slack is down');
        }),
      ).rejects.toThrow('Slack is down');
      expect(await holders(handle, KEY)).toEqual([]);
      expect(await locks.runExclusive(KEY, async () => 1)).toEqual({ ran: true, value: 1 });
    });

    const noSecondSession = skip || backend.name !== 'server';

    /** A second instance tries while this one holds KEY; `end` lets the held pass finish. */
    async function withPassHeld(
      body: (other: PassLocks, end: () => Promise<unknown>) => Promise<void>,
    ): Promise<void> {
      const { handle, locks } = opened();
      const other = passLocksFor(handle);
      try {
        const gate = deferred();
        const holding = locks.runExclusive(KEY, () => gate.promise);
        await until(async () => (await holders(handle, KEY)).length === 1);
        await body(other, async () => {
          gate.resolve();
          expect(await holding).toEqual({ ran: true, value: undefined });
        });
      } finally {
        await other.close();
      }
    }

    it.skipIf(noSecondSession)('skips the pass on another instance while one holds the lock', () =>
      withPassHeld(async (other, end) => {
        expect(await other.runExclusive(KEY, async () => 'b')).toEqual({ ran: false });
        await end();
        expect(await other.runExclusive(KEY, async () => 'b')).toEqual({ ran: true, value: 'b' });
      }),
    );

    it.skipIf(noSecondSession)("takes the pass over when the holder's connection dies", () =>
      withPassHeld(async (other, end) => {
        const { handle, locks } = opened();
        const [pid] = await holders(handle, KEY);
        await query(handle, `SELECT pg_terminate_backend(${pid})`);
        await until(async () => (await holders(handle, KEY)).length === 0);
        expect(await other.runExclusive(KEY, async () => 'b')).toEqual({ ran: true, value: 'b' });
        // The old holder's pass still ends normally; its next pass opens a new connection.
        await end();
        expect(await locks.runExclusive(KEY, async () => 'a')).toEqual({ ran: true, value: 'a' });
      }),
    );
  },
);

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met within 5 s');
}
