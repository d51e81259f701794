// The type-ahead's trigram index (`customers_search`, docs/decisions/235-type-ahead-indexes.md)
// after an import wrote customers. Every fragment search looks each trigram up in every segment
// of the index (ADR 360), but rewriting it into one segment reads and writes all of it: about
// 0.6 s at 1M customers, however few customers changed. So the index is rewritten whole only
// when an import wrote a large share of the customers; otherwise FTS5 merges with a budget in
// proportion to what was written (docs/decisions/370-trigram-index-bounded-merge.md).
import type { Connection } from './tx.ts';

/**
 * An import that writes (inserts or renames) at least 1 in this many of the ledger's customers
 * rewrites the index whole: the first import of a file, a wave of renames. The rewrite then
 * costs less than writing those customers did.
 */
export const REWRITE_WHOLE_ONE_IN = 10;
/**
 * The least merge work (4 kB pages) an import asks for: about 40 ms at most. With one page per
 * customer written above it, enough to keep up with what the import added.
 */
export const MERGE_PAGES_MIN = 1000;
/**
 * Above this many segments the index is rewritten whole anyway (merged two at a time, small
 * imports leave about log2 of their number; in practice fewer than this).
 */
export const SEGMENTS_MAX = 8;

/** Prepared once per import; call with how many customers the import inserted or renamed. */
export function prepareCustomerSearchUpkeep({ sqlite }: Connection): (written: number) => void {
  // Customers are never deleted, so the largest rowid is how many there are, read from the
  // end of the table instead of counting a million rows.
  const customers = sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM customers').pluck();
  const segments = sqlite.prepare('SELECT count(DISTINCT segid) FROM customers_search_idx').pluck();
  const rewrite = sqlite.prepare(
    `INSERT INTO customers_search (customers_search) VALUES ('optimize')`,
  );
  // 'merge' with a positive page budget merges the segments of a level once it holds this
  // many (the default, four, let small imports leave about three segments a level), or goes
  // on with a merge a previous import began; it stops after about that many pages written.
  const mergeTwoAtATime = sqlite.prepare(
    `INSERT INTO customers_search (customers_search, rank) VALUES ('usermerge', 2)`,
  );
  const merge = sqlite.prepare(
    `INSERT INTO customers_search (customers_search, rank) VALUES ('merge', ?)`,
  );
  return (written) => {
    const many = written > 0 && written * REWRITE_WHOLE_ONE_IN >= Number(customers.get());
    if (many || Number(segments.get()) > SEGMENTS_MAX) {
      rewrite.run();
      return;
    }
    mergeTwoAtATime.run();
    merge.run(Math.max(MERGE_PAGES_MIN, written));
  };
}
