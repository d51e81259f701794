// Ledger invariants the reliability suite checks after kills, races and random operations.
// Each check returns human-readable violations (empty = healthy), so a failure names the entry,
// request or invoice line and the numbers that disagree. The SQL runs unchanged on SQLite and
// PostgreSQL: the SQLite suites check a Database, the PostgreSQL ones (pg-invariants.ts) a
// server database, through `Rows`.
import type { Database } from '../../../src/db/client.ts';

export type Row = Record<string, number | string | null>;
/** Runs one SELECT; counts and sums come back as numbers. */
export type Rows = (sql: string) => Row[];

const sqliteRows =
  (database: Database): Rows =>
  (sql) =>
    database.sqlite.prepare(sql).all() as Row[];

function all(database: Database | Rows, sql: string): Row[] {
  return typeof database === 'function' ? database(sql) : sqliteRows(database)(sql);
}

/** Every entry balances and has at least two postings, each on one side only. */
export function unbalancedEntries(database: Database | Rows): string[] {
  return all(
    database,
    `SELECT e.id, e.reference, count(p.seq) AS n, coalesce(sum(p.debit_minor), 0) AS debit,
       coalesce(sum(p.credit_minor), 0) AS credit
     FROM journal_entries e LEFT JOIN journal_postings p ON p.entry_id = e.id
     GROUP BY e.id, e.reference
     HAVING count(p.seq) < 2 OR coalesce(sum(p.debit_minor), 0) <> coalesce(sum(p.credit_minor), 0)`,
  ).map((r) => `entry ${r.id} (${r.reference}): ${r.n} postings, Dr ${r.debit} ≠ Cr ${r.credit}`);
}

/** A request is posted at most once and reversed at most once, and its status says so. */
export function requestEntryMismatches(database: Database | Rows): string[] {
  const rows = all(
    database,
    `SELECT r.id, r.status, r.posted_entry_id AS postedId, r.reversal_entry_id AS reversalId,
       (SELECT count(*) FROM journal_entries e WHERE e.request_id = r.id AND e.kind = 'write_off') AS posts,
       (SELECT count(*) FROM journal_entries e WHERE e.request_id = r.id AND e.kind = 'reversal') AS reversals,
       (SELECT min(e.id) FROM journal_entries e WHERE e.request_id = r.id AND e.kind = 'write_off') AS entryId
     FROM write_off_requests r`,
  );
  const problems: string[] = [];
  for (const r of rows) {
    const expected = r.status === 'posted' ? [1, 0] : r.status === 'reversed' ? [1, 1] : [0, 0];
    if (Number(r.posts) !== expected[0] || Number(r.reversals) !== expected[1]) {
      problems.push(
        `${r.id} is ${r.status} with ${r.posts} write-off and ${r.reversals} reversal entries`,
      );
    }
    if (Number(r.posts) === 1 && String(r.postedId) !== String(r.entryId)) {
      problems.push(`${r.id} points at entry ${r.postedId} but was posted as ${r.entryId}`);
    }
  }
  return problems;
}

/** The invoice's open balance is the sum of its lines; locks belong to pending requests. */
export function subLedgerMismatches(database: Database | Rows): string[] {
  const open = all(
    database,
    `SELECT i.number, i.open_minor AS open, coalesce(sum(l.due_minor), 0) AS lines
     FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_number = i.number
     GROUP BY i.number, i.open_minor HAVING i.open_minor <> coalesce(sum(l.due_minor), 0)`,
  ).map((r) => `invoice ${r.number}: open ${r.open} ≠ Σ lines ${r.lines}`);
  const locks = all(
    database,
    `SELECT k.invoice_number AS item, k.request_id AS id, r.status FROM request_invoice_locks k
       JOIN write_off_requests r ON r.id = k.request_id WHERE r.status <> 'pending'
     UNION ALL
     SELECT k.on_account_id, k.request_id, r.status FROM request_on_account_locks k
       JOIN write_off_requests r ON r.id = k.request_id WHERE r.status <> 'pending'`,
  ).map((r) => `${r.item} is still locked by ${r.id}, which is ${r.status}`);
  return [...open, ...locks];
}

export type LineKey = string;
export const lineKey = (invoice: string, line: number): LineKey => `${invoice}#${line}`;

/** Σ due per invoice line and per on-account item, e.g. as imported. */
export function dueSnapshot(database: Database | Rows): Map<LineKey, number> {
  const out = new Map<LineKey, number>();
  for (const r of all(
    database,
    'SELECT invoice_number AS n, line, due_minor AS due FROM invoice_lines',
  )) {
    out.set(lineKey(String(r.n), Number(r.line)), Number(r.due));
  }
  for (const r of all(database, 'SELECT id, amount_minor AS due FROM on_account_items')) {
    out.set(`oa:${r.id}`, Number(r.due));
  }
  return out;
}

/**
 * Journal and sub-ledger tell the same story: for every item, what the receivable accounts
 * were credited net (write-offs minus reversals) equals how much its balance went down since
 * `baseline` (the due amounts before any write-off).
 */
export function journalVsSubLedger(
  database: Database | Rows,
  baseline: ReadonlyMap<LineKey, number>,
): string[] {
  const credited = new Map<LineKey, number>();
  for (const r of all(
    database,
    `SELECT p.invoice_number AS n, p.line, p.on_account_id AS oa,
       sum(p.credit_minor - p.debit_minor) AS net
     FROM journal_postings p JOIN accounts a ON a.code = p.account
     WHERE a.role IN ('ar', 'ar_retainage', 'fc_receivable')
     GROUP BY p.invoice_number, p.line, p.on_account_id`,
  )) {
    const key = r.oa === null ? lineKey(String(r.n), Number(r.line)) : `oa:${r.oa}`;
    credited.set(key, Number(r.net));
  }
  const problems: string[] = [];
  for (const [key, dueNow] of dueSnapshot(database)) {
    const moved = (baseline.get(key) ?? 0) - dueNow;
    const net = credited.get(key) ?? 0;
    if (moved !== net) problems.push(`${key}: balance moved ${moved} but journal says ${net}`);
  }
  return problems;
}

/**
 * Every write-off and reversal entry was made by an approver who did not request it and whose
 * limit in the request currency covers the request's gross amount (ADR 100). Limits never change
 * during a run, so today's limits are the ones that applied.
 */
export function unauthorisedPostings(database: Database | Rows): string[] {
  return all(
    database,
    `SELECT e.id, e.kind, r.id AS request, e.created_by AS actor, r.requester,
       (SELECT sum(abs(l.amount_minor)) FROM write_off_request_lines l
         WHERE l.request_id = r.id) AS gross,
       (SELECT a.limit_minor FROM approver_limits a
         WHERE a.user_id = e.created_by AND a.currency = r.currency) AS lim,
       CASE WHEN EXISTS (SELECT 1 FROM user_roles u
         WHERE u.user_id = e.created_by AND u.role = 'approver') THEN 1 ELSE 0 END AS approver
     FROM journal_entries e JOIN write_off_requests r ON r.id = e.request_id`,
  )
    .filter(
      (r) =>
        r.actor === r.requester ||
        Number(r.approver) !== 1 ||
        r.lim === null ||
        Number(r.gross) > Number(r.lim),
    )
    .map(
      (r) =>
        `entry ${r.id} (${r.kind} of ${r.request}) by ${r.actor}: requester ${r.requester}, approver role ${r.approver === 1}, limit ${r.lim ?? 'none'}, gross ${r.gross}`,
    );
}

export function allInvariantViolations(
  database: Database | Rows,
  baseline?: ReadonlyMap<LineKey, number>,
): string[] {
  return [
    ...unbalancedEntries(database),
    ...requestEntryMismatches(database),
    ...subLedgerMismatches(database),
    ...unauthorisedPostings(database),
    ...(baseline === undefined ? [] : journalVsSubLedger(database, baseline)),
  ];
}
