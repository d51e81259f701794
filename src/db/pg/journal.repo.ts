// Journal entries on PostgreSQL: insert-only (triggers refuse UPDATE, DELETE and TRUNCATE). The
// unique `reference` (`write-off:<requestId>`) refuses a second posting of a request even if a
// caller skipped the status check; isUniqueViolation (transaction.ts) recognises that refusal.
import { and, asc, eq, sql } from 'drizzle-orm';
import { assertBalanced, type Posting } from '../../domain/journal.ts';
import type { TracedPosting } from '../../domain/traced-postings.ts';
import type { ExportRow, NewJournalEntry } from '../journal.repo.ts';
import { num, rowsOf } from './rows.ts';
import { journalEntries, journalPostings, writeOffRequests } from './schema.ts';
import type { PgTx } from './types.ts';

export type PgJournalEntryRow = typeof journalEntries.$inferSelect;
export type PgJournalPostingRow = typeof journalPostings.$inferSelect;
export type { ExportRow };

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

/** As on SQLite: an entry's debits and credits summed per account, by account code. */
export async function getAccountTotals(tx: PgTx, entryId: number): Promise<Posting[]> {
  const rows = await rowsOf<{ account: string; debit: unknown; credit: unknown }>(
    tx,
    sql`SELECT account, sum(debit_minor) AS debit, sum(credit_minor) AS credit
      FROM journal_postings WHERE entry_id = ${entryId} GROUP BY account ORDER BY account`,
  );
  return rows.map((r) => ({
    account: r.account,
    debitMinor: num(r.debit),
    creditMinor: num(r.credit),
  }));
}

export async function getJournalEntry(tx: PgTx, id: number): Promise<PgJournalEntryRow | null> {
  const [row] = await tx.select().from(journalEntries).where(eq(journalEntries.id, id));
  return row ?? null;
}

/** Postings read per statement while streaming a period (keyset pages). */
const POSTINGS_PER_PAGE = 5000;

/** Every posting of the period's entries, by entry then posting order, streamed in pages. */
export async function* iteratePeriodPostings(tx: PgTx, period: string): AsyncGenerator<ExportRow> {
  let after = { entryId: 0, seq: 0 };
  for (;;) {
    const page = await tx
      .select({
        entryId: journalEntries.id,
        reference: journalEntries.reference,
        kind: journalEntries.kind,
        requestId: journalEntries.requestId,
        period: journalEntries.period,
        entryOn: journalEntries.entryOn,
        currency: journalEntries.currency,
        seq: journalPostings.seq,
        account: journalPostings.account,
        debitMinor: journalPostings.debitMinor,
        creditMinor: journalPostings.creditMinor,
        customerId: journalPostings.customerId,
        invoiceNumber: journalPostings.invoiceNumber,
        line: journalPostings.line,
        onAccountId: journalPostings.onAccountId,
        reasonCode: writeOffRequests.reasonCode,
      })
      .from(journalPostings)
      .innerJoin(journalEntries, eq(journalEntries.id, journalPostings.entryId))
      .leftJoin(writeOffRequests, eq(writeOffRequests.id, journalEntries.requestId))
      .where(
        and(
          eq(journalEntries.period, period),
          sql`(${journalPostings.entryId}, ${journalPostings.seq}) > (${after.entryId}, ${after.seq})`,
        ),
      )
      .orderBy(asc(journalPostings.entryId), asc(journalPostings.seq))
      .limit(POSTINGS_PER_PAGE);
    yield* page;
    const last = page.at(-1);
    if (page.length < POSTINGS_PER_PAGE || last === undefined) return;
    after = { entryId: last.entryId, seq: last.seq };
  }
}
