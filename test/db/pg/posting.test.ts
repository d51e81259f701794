// Exactly-once posting on PostgreSQL across connections (docs/decisions/230-postgresql-backend.md):
// the PostgreSQL repos of the posting path, composed as the approve use-case composes the SQLite
// ones, with two connections approving the same requests at once. On the real server the two
// pools are truly concurrent; on PGlite (one connection) the transactions queue, which still
// checks the logic. The second approval of a request must find it decided and post nothing.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustInvoiceLine, touchInvoice } from '../../../src/db/pg/balances.repo.ts';
import { openPgDatabase, type PgDatabaseHandle, type PgDb } from '../../../src/db/pg/client.ts';
import { getJournalEntryByReference, insertJournalEntry } from '../../../src/db/pg/journal.repo.ts';
import {
  lockItemsForPosting,
  releaseLocks,
  updateRequestStatus,
} from '../../../src/db/pg/requests.repo.ts';
import { writeOffRequests } from '../../../src/db/pg/schema.ts';
import { isUniqueViolation, pgTransaction } from '../../../src/db/pg/transaction.ts';
import { pgBackends, query, TEST_DATABASE_URL } from './backends.ts';

const NOW_MS = Date.UTC(2026, 5, 15, 14);
const DUE_MINOR = 10_000;
const REQUESTS = 10;
/** Two more pending requests for the server-only tests below. */
const SEEDED = REQUESTS + 2;
const requestId = (i: number) => `WO-${String(i).padStart(6, '0')}`;
const invoiceNumber = (i: number) => `INV-${i}`;

type Outcome = 'posted' | 'already_decided';

/**
 * The posting transaction: claim the request (conditional update), lock and check the items,
 * insert the entry, move the balance, release the pending locks. `afterClaim` lets a test act
 * while this transaction holds the request's row lock.
 */
function approve(
  db: PgDb,
  i: number,
  approver: string,
  afterClaim?: (backendPid: number) => Promise<void>,
): Promise<Outcome> {
  return pgTransaction(db, async (tx) => {
    const id = requestId(i);
    const claimed = await updateRequestStatus(tx, id, ['pending'], {
      status: 'posted',
      approver,
      decidedAtMs: NOW_MS,
    });
    if (!claimed) return 'already_decided';
    if (afterClaim !== undefined) {
      const [me] = (await tx.execute(sql`SELECT pg_backend_pid() AS pid`)).rows;
      await afterClaim(Number(me?.pid));
    }
    const locked = await lockItemsForPosting(tx, [invoiceNumber(i)], []);
    if (locked.invoices.get(invoiceNumber(i)) !== 1) throw new Error('stale in this fixture');
    const entryId = await insertJournalEntry(tx, journalEntry(i, approver), [
      { account: '7100', debitMinor: DUE_MINOR, creditMinor: 0, customerId: 'C1' },
      {
        account: '1200',
        debitMinor: 0,
        creditMinor: DUE_MINOR,
        customerId: 'C1',
        invoiceNumber: invoiceNumber(i),
        line: 1,
      },
    ]);
    const parts = { amountMinor: DUE_MINOR, taxMinor: 0, retainageMinor: 0, financeChargeMinor: 0 };
    await adjustInvoiceLine(tx, invoiceNumber(i), 1, parts, -1);
    await touchInvoice(tx, invoiceNumber(i), NOW_MS);
    await tx
      .update(writeOffRequests)
      .set({ postedEntryId: entryId })
      .where(eq(writeOffRequests.id, id));
    await releaseLocks(tx, id);
    return 'posted';
  });
}

const journalEntry = (i: number, approver: string) => ({
  reference: `write-off:${requestId(i)}`,
  kind: 'write_off' as const,
  requestId: requestId(i),
  period: '2026-06',
  entryOn: '2026-06-15',
  currency: 'USD',
  createdAtMs: NOW_MS,
  createdBy: approver,
});

describe.each(pgBackends())('posting on PostgreSQL ($backend.name)', ({ backend, skip }) => {
  let first: PgDatabaseHandle | undefined;
  /** A second connection pool on the same database (PGlite has only the one connection). */
  let second: PgDatabaseHandle | undefined;
  beforeAll(async () => {
    if (skip) return;
    first = await backend.open();
    await seed(first);
    const url = (first as { url?: string }).url;
    second = url === undefined ? first : await openPgDatabase(url);
  }, 120_000);
  afterAll(async () => {
    if (second !== first) await second?.close();
    await first?.close();
  }, 120_000);
  const handles = () => {
    if (first === undefined || second === undefined) throw new Error('database not opened');
    return [first, second] as const;
  };

  it.skipIf(skip)('posts each request once when two connections approve all at once', async () => {
    const [a, b] = handles();
    const ids = Array.from({ length: REQUESTS }, (_, k) => k + 1);
    const outcomes = await Promise.all(
      ids.flatMap((i) => [approve(a.db, i, 'U2'), approve(b.db, i, 'U3')]),
    );
    for (const i of ids) {
      expect([outcomes[2 * (i - 1)], outcomes[2 * (i - 1) + 1]].sort()).toEqual([
        'already_decided',
        'posted',
      ]);
    }
    await expectLedger(a, { entries: REQUESTS, postedRequests: REQUESTS });
  });

  it.skipIf(skip)('refuses a second entry for a request by its unique reference', async () => {
    const [a] = handles();
    const again = pgTransaction(a.db, (tx) =>
      insertJournalEntry(tx, journalEntry(1, 'U2'), [
        { account: '7100', debitMinor: 1, creditMinor: 0 },
        { account: '1200', debitMinor: 0, creditMinor: 1 },
      ]),
    );
    const error = await again.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect((await getJournalEntryByReference(a.db, 'write-off:WO-000001'))?.createdBy).toMatch(
      /^U[23]$/,
    );
    await expectLedger(a, { entries: REQUESTS, postedRequests: REQUESTS });
  });

  // Deterministic interleavings need two real connections: the real server only.
  const serverOnly = skip || backend.name !== 'server' || TEST_DATABASE_URL === undefined;

  it.skipIf(serverOnly)(
    'makes a second approval wait for the first, then find it decided',
    async () => {
      const [a, b] = handles();
      let waiting: Promise<Outcome> | undefined;
      const posted = approve(a.db, REQUESTS + 1, 'U2', async () => {
        waiting = approve(b.db, REQUESTS + 1, 'U3');
        await until(async () => (await sessionsWaitingOnLocks(a)) >= 1);
      });
      expect(await posted).toBe('posted');
      expect(await waiting).toBe('already_decided');
      await expectLedger(a, { entries: REQUESTS + 1, postedRequests: REQUESTS + 1 });
    },
  );

  it.skipIf(serverOnly)('leaves nothing of a posting whose instance died mid-way', async () => {
    const [a, b] = handles();
    // The approving connection is killed after it claimed the request and before it posted.
    const killed = approve(a.db, REQUESTS + 2, 'U2', async (pid) => {
      await query(b, `SELECT pg_terminate_backend(${pid})`);
    });
    await expect(killed).rejects.toThrow();
    const [still] = await query<{ status: string }>(
      b,
      `SELECT status FROM write_off_requests WHERE id = '${requestId(REQUESTS + 2)}'`,
    );
    expect(still?.status).toBe('pending');
    await expectLedger(b, { entries: REQUESTS + 1, postedRequests: REQUESTS + 1 });
    // Another instance approves it afterwards: posted once.
    expect(await approve(b.db, REQUESTS + 2, 'U3')).toBe('posted');
    await expectLedger(b, { entries: REQUESTS + 2, postedRequests: REQUESTS + 2 });
  });
});

async function sessionsWaitingOnLocks(handle: PgDatabaseHandle): Promise<number> {
  const [row] = await query<{ n: number }>(
    handle,
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return row?.n ?? 0;
}

/** Polls `condition` until it holds; fails after ten seconds (not a timing assertion). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the second approval never waited on the first one's row lock");
}

/** Every request posted once: one entry each, balanced, balances moved once, locks released. */
async function expectLedger(
  handle: PgDatabaseHandle,
  expected: { entries: number; postedRequests: number },
): Promise<void> {
  const [ledger] = await query<{ entries: number; debit: string; credit: string }>(
    handle,
    `SELECT (SELECT count(*)::int FROM journal_entries) AS entries,
       (SELECT sum(debit_minor) FROM journal_postings) AS debit,
       (SELECT sum(credit_minor) FROM journal_postings) AS credit`,
  );
  expect(ledger?.entries).toBe(expected.entries);
  expect(Number(ledger?.debit)).toBe(expected.entries * DUE_MINOR);
  expect(Number(ledger?.credit)).toBe(expected.entries * DUE_MINOR);
  const [requests] = await query<{ posted: number; linked: number; locks: number }>(
    handle,
    `SELECT count(*) FILTER (WHERE status = 'posted')::int AS posted,
       count(*) FILTER (WHERE posted_entry_id IS NOT NULL)::int AS linked,
       (SELECT count(*)::int FROM request_invoice_locks WHERE request_id IN
         (SELECT id FROM write_off_requests WHERE status = 'posted')) AS locks
     FROM write_off_requests`,
  );
  expect(requests).toEqual({
    posted: expected.postedRequests,
    linked: expected.postedRequests,
    locks: 0,
  });
  // Each posted request wrote off its whole invoice, once: open 0, one version bump.
  const invoices = await query<{ open: string; version: number }>(
    handle,
    `SELECT i.open_minor::text AS open, i.version FROM invoices i
     JOIN write_off_request_lines l ON l.invoice_number = i.number
     JOIN write_off_requests r ON r.id = l.request_id AND r.status = 'posted'`,
  );
  expect(invoices).toHaveLength(expected.postedRequests);
  for (const invoice of invoices) expect(invoice).toEqual({ open: '0', version: 2 });
}

/** A period, the two accounts, one customer, and SEEDED pending requests of one invoice each. */
async function seed(handle: PgDatabaseHandle): Promise<void> {
  await query(handle, `INSERT INTO periods VALUES ('2026-06', '2026-06-01', '2026-06-30', false)`);
  await query(
    handle,
    `INSERT INTO accounts (code, name, role, is_default) VALUES ('1200', 'A/R', 'ar', false),
       ('7100', 'Bad debt', 'write_off', true)`,
  );
  await query(handle, `INSERT INTO customers VALUES ('C1', 'Acme', 'acme')`);
  for (let i = 1; i <= SEEDED; i++) {
    const [id, number] = [requestId(i), invoiceNumber(i)];
    for (const statement of [
      `INSERT INTO invoices (number, customer_id, invoice_on, due_on, open_minor, content_hash,
         updated_at_ms) VALUES ('${number}', 'C1', '2026-05-01', '2026-05-31', ${DUE_MINOR}, 'h', 0)`,
      `INSERT INTO invoice_lines VALUES ('${number}', 1, 'Work', ${DUE_MINOR}, 0, 0, 0)`,
      `INSERT INTO write_off_requests (id, mode, status, customer_id, period, write_off_on,
         method, account, currency, total_minor, requester, preview_hash, policy_version,
         created_at_ms)
       VALUES ('${id}', 'manual', 'pending', 'C1', '2026-06', '2026-06-15', 'entry', '7100',
         'USD', ${DUE_MINOR}, 'U1', 'h', 'p1', 0)`,
      `INSERT INTO write_off_request_lines (request_id, seq, kind, customer_id, invoice_number,
         line, item_version, amount_minor, tax_minor, retainage_minor, finance_charge_minor,
         account) VALUES ('${id}', 1, 'invoice', 'C1', '${number}', 1, 1, ${DUE_MINOR}, 0, 0, 0,
         '7100')`,
      `INSERT INTO request_invoice_locks VALUES ('${number}', '${id}')`,
    ]) {
      await query(handle, statement);
    }
  }
}
