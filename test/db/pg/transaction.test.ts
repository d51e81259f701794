// pgTransaction on the real server (docs/decisions/230-postgresql-backend.md): two instances
// that lock the same two rows in opposite order deadlock; PostgreSQL aborts one of them, and
// pgTransaction runs that one again from the start, so both changes land, each exactly once.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation, pgTransaction } from '../../../src/db/pg/transaction.ts';
import { openTwoInstances, pgBackends, query } from './backends.ts';

const server = pgBackends().find(({ backend }) => backend.name === 'server');
const skip = server === undefined || server.skip;

describe('pgTransaction on the PostgreSQL server', () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>> | undefined;
  beforeAll(async () => {
    if (!skip && server !== undefined) instances = await openTwoInstances(server.backend);
  }, 120_000);
  afterAll(async () => instances?.close(), 120_000);

  it.skipIf(skip)('runs the loser of a deadlock again, so both changes land once', async () => {
    if (instances === undefined) throw new Error('database not opened');
    const { a, b } = instances;
    await query(a, `INSERT INTO settings VALUES ('x', ''), ('y', '')`);
    const attempts = { a: 0, b: 0 };
    // Both first attempts hold their first row before either asks for its second one.
    let arrived = 0;
    let release = () => {};
    const bothHoldTheirFirstRow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const append = (who: 'a' | 'b', first: string, second: string) =>
      pgTransaction((who === 'a' ? a : b).db, async (tx) => {
        attempts[who] += 1;
        await tx.execute(sql`UPDATE settings SET value = value || ${who} WHERE key = ${first}`);
        if (attempts[who] === 1) {
          arrived += 1;
          if (arrived === 2) release();
          await bothHoldTheirFirstRow;
        }
        await tx.execute(sql`UPDATE settings SET value = value || ${who} WHERE key = ${second}`);
      });
    await Promise.all([append('a', 'x', 'y'), append('b', 'y', 'x')]);
    // At least the loser ran again; each change still landed exactly once.
    expect(attempts.a + attempts.b).toBeGreaterThanOrEqual(3);
    const rows = await query<{ key: string; value: string }>(
      a,
      'SELECT key, value FROM settings ORDER BY key',
    );
    for (const row of rows) expect([...row.value].sort().join('')).toBe('ab');
  });

  it.skipIf(skip)('does not run a transaction again for other errors', async () => {
    if (instances === undefined) throw new Error('database not opened');
    const { a } = instances;
    let attempts = 0;
    const error = await pgTransaction(a.db, async (tx) => {
      attempts += 1;
      await tx.execute(sql`INSERT INTO settings VALUES ('x', 'again')`);
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(attempts).toBe(1);
  });
});
