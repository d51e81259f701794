// Prepared statements kept per SQL text. drizzle prepares every query it runs anew, and
// better-sqlite3's prepare compiles the SQL each time: on the bot's hot paths (a click, a
// type-ahead keystroke) compiling was about a tenth of the CPU. A cached statement is handed
// out again only when it is idle (not in the middle of an `iterate()`), with its result modes
// reset, so a caller sees what a fresh prepare would give.
import type BetterSqlite3 from 'better-sqlite3';

/** Enough for every distinct query of the product; SQL text with inlined values is evicted. */
const MAX_STATEMENTS = 500;

export function cacheStatements(sqlite: BetterSqlite3.Database, max = MAX_STATEMENTS): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, BetterSqlite3.Statement>();
  const cached = (source: string): BetterSqlite3.Statement => {
    const hit = cache.get(source);
    if (hit !== undefined && !hit.busy) {
      // Most recently used last, so the first key is the one to evict.
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const statement = prepare(source);
    if (hit === undefined) {
      cache.set(source, statement);
      if (cache.size > max) cache.delete(cache.keys().next().value as string);
    }
    return statement;
  };
  sqlite.prepare = cached as typeof sqlite.prepare;
}
