// One instance at a time for a job pass that must not run on several bot instances at once
// (docs/decisions/295-cluster-wide-job-passes.md): the pass runs only while this instance holds
// the session advisory lock `pg_try_advisory_lock(key)`, taken on a connection of its own, and
// is skipped when another instance holds it. The server frees the lock when the holder's
// connection dies, so another instance takes the pass over on its next turn. Passes whose work
// is claimed row by row (outbox leases, dedupe keys) do not need this; correctness never rests
// on it alone.
import pg from 'pg';

/** Keys of the exclusive passes; any fixed numbers, the same in every instance. */
export const PASS_LOCK_KEYS = {
  /** The weekly digest's pass: its pacing between DMs holds only if one instance sends. */
  digest: 7_242_295,
} as const;

/** A lock key: one of PASS_LOCK_KEYS (any integer up to 2^53, read as a bigint by the server). */
export type PassLockKey = number;

/** The connection the locks live on: a node-postgres client, or PGlite in tests. */
export interface LockConnection {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
  /** Closes it; the server frees every lock it held. */
  end(): Promise<void>;
}

export type PassOutcome<T> = { readonly ran: true; readonly value: T } | { readonly ran: false };

export interface PassLocks {
  /**
   * Runs `pass` if this instance gets the lock `key` (and releases it afterwards, also when the
   * pass throws); `{ ran: false }` without running it when another instance holds the lock, or
   * when this instance is still running the same pass.
   */
  runExclusive<T>(key: PassLockKey, pass: () => Promise<T>): Promise<PassOutcome<T>>;
  /**
   * The two halves of `runExclusive`, for a pass that runs elsewhere than the lock (the bridge
   * thread holds the connection, the main thread runs the pass): true when this instance now
   * holds `key`; every true must be followed by one `release(key)`.
   */
  tryAcquire(key: PassLockKey): Promise<boolean>;
  release(key: PassLockKey): Promise<void>;
  /** Ends the lock connection (the locks go with it). */
  close(): Promise<void>;
}

/**
 * Pass locks on a dedicated connection to `url`, opened at the first pass and opened again after
 * it died. It is not one of the pool's: a pass's own queries go through the pool, and the lock
 * must outlive none of them.
 */
export function openPgPassLocks(url: string): PassLocks {
  return passLocksOn(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  });
}

/** Pass locks on connections `connect` opens (one at a time; a new one after a failure). */
export function passLocksOn(connect: () => Promise<LockConnection>): PassLocks {
  let opening: Promise<LockConnection> | undefined;
  let live: LockConnection | undefined;
  // Advisory locks are re-entrant within a session: this process keeps its own passes apart.
  const held = new Set<PassLockKey>();

  const open = (): Promise<LockConnection> => {
    opening ??= connect().then(watch, (error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  /** A connection the server ends (restart, terminated backend) is replaced at the next pass. */
  const watch = (opened: LockConnection): LockConnection => {
    live = opened;
    const events = opened as Partial<pg.Client>;
    events.on?.('error', () => drop(opened));
    events.on?.('end', () => drop(opened));
    return opened;
  };
  const drop = (dead: LockConnection): void => {
    if (live === dead) {
      live = undefined;
      opening = undefined;
    }
    dead.end().catch(() => {});
  };

  const locks: PassLocks = {
    async tryAcquire(key) {
      if (held.has(key)) return false;
      held.add(key);
      try {
        const connection = await open();
        const got = await tryLock(connection, key).catch((error: unknown) => {
          drop(connection);
          throw error;
        });
        if (!got) held.delete(key);
        return got;
      } catch (error) {
        held.delete(key);
        throw error;
      }
    },
    async release(key) {
      if (!held.delete(key)) return;
      const connection = live;
      // A dead connection's locks are already gone on the server.
      if (connection !== undefined) await unlock(connection, key).catch(() => drop(connection));
    },
    async runExclusive(key, pass) {
      if (!(await locks.tryAcquire(key))) return { ran: false };
      try {
        return { ran: true, value: await pass() };
      } finally {
        await locks.release(key);
      }
    },
    async close() {
      const connection = live;
      live = undefined;
      opening = undefined;
      held.clear();
      await connection?.end();
    },
  };
  return locks;
}

async function tryLock(connection: LockConnection, key: PassLockKey): Promise<boolean> {
  const { rows } = await connection.query('SELECT pg_try_advisory_lock($1) AS got', [key]);
  return (rows[0] as { got?: unknown } | undefined)?.got === true;
}

async function unlock(connection: LockConnection, key: PassLockKey): Promise<void> {
  await connection.query('SELECT pg_advisory_unlock($1)', [key]);
}
