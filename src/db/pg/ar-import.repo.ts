// Writes one A/R file import into the sub-ledger on PostgreSQL, the async twin of
// src/db/ar-import.repo.ts. Called inside the import's single transaction, item by item as the
// file streams in. Change detection is the same: each invoice keeps a digest of its content and
// each on-account item its ERP figure; a change bumps the version and makes pending requests on
// it stale. Customers are collected and written in settleAbsent, a few statements in all.
import { type SQL, sql } from 'drizzle-orm';
import type { Account, Customer, Invoice, OnAccountItem, Period } from '../../domain/types.ts';
import {
  type ArImportWriter,
  invoiceContentHash,
  invoiceSums,
  type StaleRequest,
  type UpsertOutcome,
} from '../ar-import.repo.ts';
import { num, rowsOf } from './rows.ts';
import type { AsyncMethods, PgTx } from './types.ts';

export type { StaleRequest, UpsertOutcome };
export type PgArImportWriter = AsyncMethods<ArImportWriter>;

/** Customers per upsert statement (three arrays, so one parameter each). */
const CUSTOMERS_PER_STATEMENT = 5000;

/** Any fixed number, the same in every instance: the key of the import lock. */
const IMPORT_LOCK_KEY = 7_242_231;

/**
 * First in the import's transaction: two imports at once (two instances seeding demo data, two
 * operators importing) would both insert the same new invoices and one would fail on the
 * primary key. Under this lock the second waits, then reads what the first committed (READ
 * COMMITTED) and re-imports over it, as it would on SQLite. Released at commit or rollback.
 */
export async function serializeImports(tx: PgTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
}

/**
 * Inside the import's transaction: an item may name a customer the file lists later, so the two
 * customer references are checked at commit (db/pg/0006 made them deferrable).
 */
export async function deferForeignKeysToCommit(tx: PgTx): Promise<void> {
  await tx.execute(sql`SET CONSTRAINTS invoices_customer_id_customers_id_fk,
    on_account_items_customer_id_customers_id_fk DEFERRED`);
}

const absentInvoice = (importId: number, t: string) =>
  sql`(${sql.raw(t)}.last_import_id IS NULL OR ${sql.raw(t)}.last_import_id <> ${importId})
    AND ${sql.raw(t)}.open_minor <> 0`;
const absentOnAccount = (importId: number, t: string) =>
  sql`(${sql.raw(t)}.last_import_id IS NULL OR ${sql.raw(t)}.last_import_id <> ${importId})
    AND ${sql.raw(t)}.amount_minor <> 0`;

export async function createArImportWriter(
  tx: PgTx,
  source: string,
  nowMs: number,
): Promise<PgArImportWriter> {
  const [created] = await rowsOf<{ id: unknown }>(
    tx,
    sql`INSERT INTO imports (at_ms, source, invoices_in_file, lines_in_file, on_account_in_file)
      VALUES (${nowMs}, ${source}, 0, 0, 0) RETURNING id`,
  );
  const importId = num(created?.id);
  const changed = new Map<string, Set<string>>();
  const customers = new Map<string, string>();
  const exec = (query: SQL) => tx.execute(query);
  const noteChanged = (rows: readonly { request_id: string }[], item: string) => {
    for (const { request_id } of rows) {
      const set = changed.get(request_id) ?? new Set<string>();
      set.add(item);
      changed.set(request_id, set);
    }
  };
  const pendingOn = (column: 'invoice_number' | 'on_account_id', key: string) =>
    rowsOf<{ request_id: string }>(
      tx,
      sql`SELECT DISTINCT l.request_id FROM write_off_request_lines l
        JOIN write_off_requests r ON r.id = l.request_id
        WHERE l.${sql.raw(column)} = ${key} AND r.status = 'pending'`,
    );

  return {
    importId,
    async putSettings(currency, timezone) {
      for (const [key, value] of [
        ['currency', currency],
        ['timezone', timezone],
      ] as const) {
        await exec(sql`INSERT INTO settings (key, value) VALUES (${key}, ${value})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      }
    },
    async replaceAccounts(accounts: readonly Account[]) {
      // Clear defaults first: the partial unique index allows one default at any moment.
      await exec(sql`UPDATE accounts SET is_default = FALSE, active = FALSE`);
      for (const a of accounts) {
        await exec(sql`INSERT INTO accounts (code, name, role, is_default, active)
          VALUES (${a.code}, ${a.name}, ${a.role}, ${a.isDefault}, TRUE)
          ON CONFLICT (code) DO UPDATE SET name = excluded.name, role = excluded.role,
            is_default = excluded.is_default, active = TRUE`);
      }
    },
    async replacePeriods(periods: readonly Period[]) {
      // Periods the file no longer lists are closed, never deleted: rows refer to them.
      await exec(sql`UPDATE periods SET closed = TRUE`);
      for (const p of periods) {
        await exec(sql`INSERT INTO periods (name, start_on, end_on, closed)
          VALUES (${p.name}, ${p.start}, ${p.end}, ${p.closed})
          ON CONFLICT (name) DO UPDATE SET start_on = excluded.start_on,
            end_on = excluded.end_on, closed = excluded.closed`);
      }
    },
    async upsertCustomer(c: Customer) {
      customers.set(c.id, c.name);
    },
    async upsertInvoice(invoice: Invoice): Promise<UpsertOutcome> {
      const hash = invoiceContentHash(invoice);
      const [existing] = await rowsOf<{ content_hash: string }>(
        tx,
        sql`SELECT content_hash FROM invoices WHERE number = ${invoice.number}`,
      );
      if (existing?.content_hash === hash) {
        await exec(sql`UPDATE invoices SET last_import_id = ${importId}
          WHERE number = ${invoice.number}`);
        return 'unchanged';
      }
      // The file's open amount is both the new balance and the ERP figure kept for comparison.
      const { openMinor: open, retainageMinor: retainage } = invoiceSums(invoice);
      if (existing === undefined) {
        await exec(sql`INSERT INTO invoices (number, customer_id, invoice_on, due_on, open_minor,
            erp_open_minor, retainage_minor, content_hash, version, last_import_id, updated_at_ms)
          VALUES (${invoice.number}, ${invoice.customerId}, ${invoice.date}, ${invoice.dueDate},
            ${open}, ${open}, ${retainage}, ${hash}, 1, ${importId}, ${nowMs})`);
      } else {
        await exec(sql`UPDATE invoices SET customer_id = ${invoice.customerId},
            invoice_on = ${invoice.date}, due_on = ${invoice.dueDate}, open_minor = ${open},
            erp_open_minor = ${open}, retainage_minor = ${retainage}, content_hash = ${hash},
            version = version + 1,
            last_import_id = ${importId}, updated_at_ms = ${nowMs}
          WHERE number = ${invoice.number}`);
        await exec(sql`DELETE FROM invoice_lines WHERE invoice_number = ${invoice.number}`);
        noteChanged(await pendingOn('invoice_number', invoice.number), invoice.number);
      }
      await insertLines(tx, invoice);
      return existing === undefined ? 'inserted' : 'updated';
    },
    async upsertOnAccount(item: OnAccountItem): Promise<UpsertOutcome> {
      const [existing] = await rowsOf<OnAccountRow>(
        tx,
        sql`SELECT customer_id, item_on, erp_amount_minor FROM on_account_items
          WHERE id = ${item.id}`,
      );
      if (existing === undefined) {
        await exec(sql`INSERT INTO on_account_items (id, customer_id, item_on, amount_minor,
            erp_amount_minor, version, last_import_id, updated_at_ms)
          VALUES (${item.id}, ${item.customerId}, ${item.date}, ${item.amountMinor},
            ${item.amountMinor}, 1, ${importId}, ${nowMs})`);
        return 'inserted';
      }
      if (sameOnAccount(existing, item)) {
        await exec(sql`UPDATE on_account_items SET last_import_id = ${importId}
          WHERE id = ${item.id}`);
        return 'unchanged';
      }
      await exec(sql`UPDATE on_account_items SET customer_id = ${item.customerId},
          item_on = ${item.date}, amount_minor = ${item.amountMinor},
          erp_amount_minor = ${item.amountMinor}, version = version + 1,
          last_import_id = ${importId}, updated_at_ms = ${nowMs}
        WHERE id = ${item.id}`);
      noteChanged(await pendingOn('on_account_id', item.id), item.id);
      return 'updated';
    },
    async settleAbsent() {
      // The collected customers are written here, the first step after the file was read.
      await writeCustomers(tx, customers);
      customers.clear();
      const invoicesHeld = await rowsOf<{ request_id: string; number: string }>(
        tx,
        sql`SELECT DISTINCT l.request_id, i.number FROM invoices i
          JOIN write_off_request_lines l ON l.invoice_number = i.number
          JOIN write_off_requests r ON r.id = l.request_id
          WHERE r.status = 'pending' AND ${absentInvoice(importId, 'i')}`,
      );
      for (const r of invoicesHeld) noteChanged([r], r.number);
      const itemsHeld = await rowsOf<{ request_id: string; id: string }>(
        tx,
        sql`SELECT DISTINCT l.request_id, o.id FROM on_account_items o
          JOIN write_off_request_lines l ON l.on_account_id = o.id
          JOIN write_off_requests r ON r.id = l.request_id
          WHERE r.status = 'pending' AND ${absentOnAccount(importId, 'o')}`,
      );
      for (const r of itemsHeld) noteChanged([r], r.id);
      await exec(sql`UPDATE invoice_lines SET due_minor = 0, tax_minor = 0, retainage_minor = 0,
          finance_charge_minor = 0
        WHERE invoice_number IN (SELECT number FROM invoices i WHERE ${absentInvoice(importId, 'i')})`);
      const invoices = await rowsOf(
        tx,
        sql`UPDATE invoices SET open_minor = 0, erp_open_minor = 0, retainage_minor = 0,
            content_hash = 'settled',
            version = version + 1, updated_at_ms = ${nowMs}
          WHERE ${absentInvoice(importId, 'invoices')} RETURNING number`,
      );
      const onAccount = await rowsOf(
        tx,
        sql`UPDATE on_account_items SET amount_minor = 0, erp_amount_minor = 0,
            version = version + 1, updated_at_ms = ${nowMs}
          WHERE ${absentOnAccount(importId, 'on_account_items')} RETURNING id`,
      );
      return { invoices: invoices.length, onAccount: onAccount.length };
    },
    async changedRequests() {
      return [...changed]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([requestId, items]) => ({ requestId, changedItems: [...items].sort() }));
    },
    async markRequestStale(requestId: string) {
      const moved = await rowsOf(
        tx,
        sql`UPDATE write_off_requests SET status = 'stale'
          WHERE id = ${requestId} AND status = 'pending' RETURNING id`,
      );
      if (moved.length === 0) return false;
      await exec(sql`DELETE FROM request_invoice_locks WHERE request_id = ${requestId}`);
      await exec(sql`DELETE FROM request_on_account_locks WHERE request_id = ${requestId}`);
      return true;
    },
    async auditRequestStale(requestId: string, details: Readonly<Record<string, unknown>>) {
      // The request's preview hash goes with every audit row about it.
      await exec(sql`INSERT INTO audit_log (at_ms, actor, action, request_id, details_json,
          preview_hash)
        SELECT ${nowMs}, 'system:import', 'request_stale', id, ${JSON.stringify(details)},
          preview_hash
        FROM write_off_requests WHERE id = ${requestId}`);
    },
    async finish(counts) {
      await exec(sql`UPDATE imports SET invoices_in_file = ${counts.invoices},
          lines_in_file = ${counts.lines}, on_account_in_file = ${counts.onAccount}
        WHERE id = ${importId}`);
    },
  };
}

/** An invoice's lines in one statement. */
async function insertLines(tx: PgTx, invoice: Invoice): Promise<void> {
  if (invoice.lines.length === 0) return;
  const values = invoice.lines.map(
    (l) => sql`(${invoice.number}, ${l.line}, ${l.description}, ${l.dueMinor}, ${l.taxMinor},
      ${l.retainageMinor}, ${l.financeChargeMinor})`,
  );
  await tx.execute(sql`INSERT INTO invoice_lines (invoice_number, line, description, due_minor,
      tax_minor, retainage_minor, finance_charge_minor) VALUES ${sql.join(values, sql`, `)}`);
}

/** Inserts new customers and renames changed ones; an unchanged name writes nothing. */
async function writeCustomers(tx: PgTx, customers: ReadonlyMap<string, string>): Promise<void> {
  const all = [...customers];
  for (let start = 0; start < all.length; start += CUSTOMERS_PER_STATEMENT) {
    const chunk = all.slice(start, start + CUSTOMERS_PER_STATEMENT);
    const ids = chunk.map(([id]) => id);
    const names = chunk.map(([, name]) => name);
    const lower = names.map((n) => n.toLowerCase());
    await tx.execute(sql`INSERT INTO customers (id, name, name_lower)
      SELECT * FROM unnest(${sql.param(ids)}::text[], ${sql.param(names)}::text[],
        ${sql.param(lower)}::text[])
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_lower = excluded.name_lower
      WHERE customers.name <> excluded.name`);
  }
}

interface OnAccountRow {
  customer_id: string;
  item_on: string;
  erp_amount_minor: unknown;
}

// Compares with the ERP's last figure, never the live amount: a posted write-off moved that,
// and a file that has not caught up with it must not undo it (ADR 031).
function sameOnAccount(row: OnAccountRow, item: OnAccountItem): boolean {
  return (
    row.customer_id === item.customerId &&
    row.item_on === item.date &&
    num(row.erp_amount_minor) === item.amountMinor
  );
}
