// Journal entries on PostgreSQL: insert-only (triggers refuse UPDATE, DELETE and TRUNCATE). The
// unique `reference` (`write-off:<requestId>`) refuses a second posting of a request even if a
// caller skipped the status check; isUniqueViolation (transaction.ts) recognises that refusal.
import { asc, eq } from 'drizzle-orm';
import { assertBalanced } from '../../domain/journal.ts';
import type { TracedPosting } from '../../domain/traced-postings.ts';
import type { NewJournalEntry } from '../journal.repo.ts';
import { journalEntries, journalPostings } from './schema.ts';
import type { PgTx } from './types.ts';

export type PgJournalEntryRow = typeof journalEntries.$inferSelect;
export type PgJournalPostingRow = typeof journalPostings.$inferSelect;

/** Rows per INSERT: 9 parameters each stays far below PostgreSQL's 65,535 per statement. */
const POSTINGS_PER_STATEMENT = 1000;

/** Inserts a balanced entry with its postings and returns its id. */
export async function insertJournalEntry(
  tx: PgTx,
  entry: NewJournalEntry,
  postings: readonly TracedPosting[],
): Promise<number> {
  assertBalanced(postings);
  if (postings.length < 2) throw new Error('journal: an entry needs at least two postings');
  const [inserted] = await tx
    .insert(journalEntries)
    .values({ ...entry, reversesEntryId: entry.reversesEntryId ?? null })
    .returning({ id: journalEntries.id });
  if (inserted === undefined) throw new Error('journal: the entry was not inserted');
  const rows = postings.map((p, i) => ({
    entryId: inserted.id,
    seq: i + 1,
    account: p.account,
    debitMinor: p.debitMinor,
    creditMinor: p.creditMinor,
    customerId: p.customerId ?? null,
    invoiceNumber: p.invoiceNumber ?? null,
    line: p.line ?? null,
    onAccountId: p.onAccountId ?? null,
  }));
  for (let start = 0; start < rows.length; start += POSTINGS_PER_STATEMENT) {
    await tx.insert(journalPostings).values(rows.slice(start, start + POSTINGS_PER_STATEMENT));
  }
  return inserted.id;
}

export async function getJournalEntryByReference(
  tx: PgTx,
  reference: string,
): Promise<PgJournalEntryRow | null> {
  const [row] = await tx
    .select()
    .from(journalEntries)
    .where(eq(journalEntries.reference, reference));
  return row ?? null;
}

export async function getPostings(tx: PgTx, entryId: number): Promise<PgJournalPostingRow[]> {
  return tx
    .select()
    .from(journalPostings)
    .where(eq(journalPostings.entryId, entryId))
    .orderBy(asc(journalPostings.seq));
}
