// Statements are reused per SQL text, and a reused one behaves like a fresh prepare: result
// modes set by an earlier caller do not leak, and a statement still iterating is not handed out.
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../src/db/client.ts';

describe('statement cache', () => {
  it('hands out the same idle statement, with its result modes reset', () => {
    const { sqlite, close } = openTestDatabase();
    try {
      const sql = 'SELECT 1 AS one, 2 AS two';
      const first = sqlite.prepare(sql);
      expect(first.pluck().get()).toBe(1);
      const again = sqlite.prepare(sql);
      expect(again).toBe(first);
      expect(again.get()).toEqual({ one: 1, two: 2 });
      expect(sqlite.prepare(sql).raw().get()).toEqual([1, 2]);
      expect(sqlite.prepare(sql).all()).toEqual([{ one: 1, two: 2 }]);
    } finally {
      close();
    }
  });

  it('prepares a fresh statement while the cached one is still iterating', () => {
    const { sqlite, close } = openTestDatabase();
    try {
      const sql = 'SELECT value FROM json_each(?)';
      const outer = sqlite.prepare(sql).pluck().iterate('[1,2,3]') as IterableIterator<number>;
      const seen: number[][] = [];
      for (const n of outer) seen.push(sqlite.prepare(sql).pluck().all(`[${n},${n}]`) as number[]);
      expect(seen).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
      ]);
    } finally {
      close();
    }
  });

  it('keeps statements that write working across schema changes', () => {
    const { sqlite, close } = openTestDatabase();
    try {
      const put = () =>
        sqlite.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)`).run('k', 'v').changes;
      expect(put()).toBe(1);
      sqlite.exec('CREATE TABLE extra (a)');
      sqlite.exec(`DELETE FROM settings WHERE key = 'k'`);
      expect(put()).toBe(1);
    } finally {
      close();
    }
  });
});
