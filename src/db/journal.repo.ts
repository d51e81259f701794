// Journal entries and their postings: insert-only (triggers refuse UPDATE/DELETE, ADR 012).
// The reference (`write-off:<requestId>`, `reversal:<requestId>`) is UNIQUE, so a request is
// posted at most once whatever arrives twice.
import { eq } from 'drizzle-orm';
import { assertBalanced, type Posting } from '../domain/journal.ts';
import type { TracedPosting } from '../domain/traced-postings.ts';
import { connectionOf, sessionOf, statementCache, type Tx } from './client.ts';
import { type JOURNAL_KINDS, journalEntries, type journalPostings } from './schema.ts';
import type { Connection } from './tx.ts';

export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** A posting traced to the invoice line / on-account item it writes off. */
export type { TracedPosting };

export interface NewJournalEntry {
  readonly reference: string;
  readonly kind: JournalKind;
  readonly requestId: string;
  readonly period: string;
  readonly entryOn: string;
  readonly currency: string;
  readonly reversesEntryId?: number;
  readonly createdAtMs: number;
  readonly createdBy: string;
}

export type JournalEntryRow = typeof journalEntries.$inferSelect;
export type JournalPostingRow = typeof journalPostings.$inferSelect;

const statementsOf = statementCache(prepare);

function prepare(sqlite: Connection['sqlite']) {
  return {
    entry: sqlite.prepare(
      `INSERT INTO journal_entries (reference, kind, request_id, period, entry_on, currency,
         reverses_entry_id, created_at_ms, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    posting: sqlite.prepare(
      `INSERT INTO journal_postings (entry_id, seq, account, debit_minor, credit_minor,
         customer_id, invoice_number, line, on_account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // A prepared read with the row's own field names: drizzle's select builder and row mapping
    // were most of a posted request's view (the approval thread renders it after each click).
    postings: sqlite.prepare(
      `SELECT entry_id AS entryId, seq, account, debit_minor AS debitMinor,
         credit_minor AS creditMinor, customer_id AS customerId, invoice_number AS invoiceNumber,
         line, on_account_id AS onAccountId
       FROM journal_postings WHERE entry_id = ? ORDER BY seq`,
    ),
    accountTotals: sqlite.prepare(
      `SELECT account, sum(debit_minor) AS debitMinor, sum(credit_minor) AS creditMinor
       FROM journal_postings WHERE entry_id = ? GROUP BY account ORDER BY account`,
    ),
  };
}

/**
 * Inserts a balanced entry and returns its id; an unbalanced one is a programmer error. Takes
 * the database (not a Tx) for its prepared statements: a posting can hold tens of thousands of
 * rows. Call it inside the caller's transaction on the same connection.
 */
export function insertJournalEntry(
  tx: Tx,
  entry: NewJournalEntry,
  postings: readonly TracedPosting[],
): number {
  const database = connectionOf(tx);
  assertBalanced(postings);
  if (postings.length < 2) throw new Error('journal: an entry needs at least two postings');
  const s = statementsOf(database);
  const entryId = Number(
    s.entry.run(
      entry.reference,
      entry.kind,
      entry.requestId,
      entry.period,
      entry.entryOn,
      entry.currency,
      entry.reversesEntryId ?? null,
      entry.createdAtMs,
      entry.createdBy,
    ).lastInsertRowid,
  );
  for (const [i, p] of postings.entries()) {
    s.posting.run(
      entryId,
      i + 1,
      p.account,
      p.debitMinor,
      p.creditMinor,
      p.customerId ?? null,
      p.invoiceNumber ?? null,
      p.line ?? null,
      p.onAccountId ?? null,
    );
  }
  return entryId;
}

export function getJournalEntryByReference(tx: Tx, reference: string): JournalEntryRow | null {
  return (
    sessionOf(tx)
      .select()
      .from(journalEntries)
      .where(eq(journalEntries.reference, reference))
      .get() ?? null
  );
}

export function getJournalEntry(tx: Tx, id: number): JournalEntryRow | null {
  return sessionOf(tx).select().from(journalEntries).where(eq(journalEntries.id, id)).get() ?? null;
}

export function getPostings(tx: Tx, entryId: number): JournalPostingRow[] {
  return statementsOf(connectionOf(tx)).postings.all(entryId) as JournalPostingRow[];
}

/**
 * An entry's debits and credits summed per account, by account code: what a request's message
 * shows of a posted entry (its net), without handing every posting over.
 */
export function getAccountTotals(tx: Tx, entryId: number): Posting[] {
  return statementsOf(connectionOf(tx)).accountTotals.all(entryId) as Posting[];
}

export interface ExportRow {
  readonly entryId: number;
  readonly reference: string;
  readonly kind: JournalKind;
  readonly requestId: string;
  readonly period: string;
  readonly entryOn: string;
  readonly currency: string;
  readonly seq: number;
  readonly account: string;
  readonly debitMinor: number;
  readonly creditMinor: number;
  readonly customerId: string | null;
  readonly invoiceNumber: string | null;
  readonly line: number | null;
  readonly onAccountId: string | null;
  /** The request's reason code (docs/policy.md); null on requests made before reason codes. */
  readonly reasonCode: string | null;
}

const PERIOD_POSTINGS_SQL = `
  SELECT e.id AS entryId, e.reference, e.kind, e.request_id AS requestId, e.period,
    e.entry_on AS entryOn, e.currency, p.seq, p.account, p.debit_minor AS debitMinor,
    p.credit_minor AS creditMinor, p.customer_id AS customerId, p.invoice_number AS invoiceNumber,
    p.line, p.on_account_id AS onAccountId, r.reason_code AS reasonCode
  FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id
  LEFT JOIN write_off_requests r ON r.id = e.request_id
  WHERE e.period = ?
  ORDER BY e.id, p.seq`;

/** Every posting of the period's entries, by entry then posting order, streamed row by row. */
export function iteratePeriodPostings(tx: Tx, period: string): IterableIterator<ExportRow> {
  const database = connectionOf(tx);
  return database.sqlite
    .prepare(PERIOD_POSTINGS_SQL)
    .iterate(period) as IterableIterator<ExportRow>;
}
