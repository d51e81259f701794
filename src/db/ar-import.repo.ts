// Writes one A/R file import into the sub-ledger. Called inside the import's single
// transaction, row by row as the file streams in, with prepared statements (the hot path
// of a 1M-line import). Change detection: each invoice / on-account item keeps a digest of
// its content; a different digest bumps its version and makes pending requests on it stale.
import { hash } from 'node:crypto';
import type { Account, Customer, Invoice, OnAccountItem, Period } from '../domain/types.ts';
import { prepareStatements } from './ar-import.statements.ts';
import { connectionOf, type Tx } from './client.ts';
import { prepareCustomerSearchUpkeep } from './customers-search-upkeep.ts';

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

export interface StaleRequest {
  readonly requestId: string;
  /** Invoice numbers / on-account ids of the request that changed. */
  readonly changedItems: readonly string[];
}

export interface ArImportWriter {
  readonly importId: number;
  putSettings(currency: string, timezone: string): void;
  replaceAccounts(accounts: readonly Account[]): void;
  replacePeriods(periods: readonly Period[]): void;
  /** Staged; written to `customers` by settleAbsent, before anything reads them. */
  upsertCustomer(customer: Customer): void;
  /** Each invoice number at most once per import (the session drops a file's duplicates). */
  upsertInvoice(invoice: Invoice): UpsertOutcome;
  /** Each on-account id at most once per import, likewise. */
  upsertOnAccount(item: OnAccountItem): UpsertOutcome;
  /** Items the file no longer lists are settled in the ERP: remaining 0 (ADR 011). */
  settleAbsent(): { invoices: number; onAccount: number };
  /** Requests holding items this import changed, by id, each with its changed items sorted. */
  changedRequests(): StaleRequest[];
  /** Pending → stale and its item locks released; false when it was not pending. */
  markRequestStale(requestId: string): boolean;
  /** The `request_stale` audit row (actor `system:import`) with the caller's details. */
  auditRequestStale(requestId: string, details: Readonly<Record<string, unknown>>): void;
  finish(counts: { invoices: number; lines: number; onAccount: number }): void;
}

// One-shot hash of the same text the former incremental hash saw (so stored digests still
// match): a Hash object per invoice cost more than the digest itself on a 200k-invoice file.
export function invoiceContentHash(invoice: Invoice): string {
  let text = `${invoice.customerId}\u0000${invoice.date}\u0000${invoice.dueDate}`;
  for (const l of invoice.lines) {
    text += `\u0001${l.line}\u0000${l.description}\u0000${l.dueMinor}\u0000${l.taxMinor}\u0000${l.retainageMinor}\u0000${l.financeChargeMinor}`;
  }
  return hash('sha1', text, 'base64');
}

/**
 * What `invoices` keeps of its lines (ADR 070, 320): `open_minor` is Σ due, `retainage_minor`
 * Σ retainage. Both backends' writers store the file's invoice with these.
 */
export function invoiceSums(invoice: Invoice): { openMinor: number; retainageMinor: number } {
  let openMinor = 0;
  let retainageMinor = 0;
  for (const l of invoice.lines) {
    openMinor += l.dueMinor;
    retainageMinor += l.retainageMinor;
  }
  return { openMinor, retainageMinor };
}

/**
 * First in the import's transaction: one import at a time. SQLite's IMMEDIATE transaction
 * already holds the write lock; the PostgreSQL twin takes an advisory lock.
 */
export function serializeImports(_tx: Tx): void {}

/** Inside the import's transaction: references are checked at commit, not row by row. */
export function deferForeignKeysToCommit(tx: Tx): void {
  const database = connectionOf(tx);
  database.sqlite.pragma('defer_foreign_keys = ON');
}

export function createArImportWriter(tx: Tx, source: string, nowMs: number): ArImportWriter {
  const database = connectionOf(tx);
  const { sqlite } = database;
  const importId = Number(
    sqlite
      .prepare(
        `INSERT INTO imports (at_ms, source, invoices_in_file, lines_in_file, on_account_in_file)
         VALUES (?, ?, 0, 0, 0)`,
      )
      .run(nowMs, source).lastInsertRowid,
  );
  const changed = new Map<string, Set<string>>();
  const s = prepareStatements(database);
  const keepCustomerSearchCheap = prepareCustomerSearchUpkeep(database);
  // Into an empty ledger nothing can exist yet (the session hands each number over once), so a
  // first import skips the look-up per row (docs/decisions/390-import-cpu.md).
  const invoicesExisted = s.anyInvoice.get() !== undefined;
  const onAccountExisted = s.anyOnAccount.get() !== undefined;
  const noteChanged = (rows: { request_id: string }[], item: string) => {
    for (const { request_id } of rows) {
      const set = changed.get(request_id) ?? new Set<string>();
      set.add(item);
      changed.set(request_id, set);
    }
  };

  return {
    importId,
    putSettings(currency, timezone) {
      s.putSetting.run('currency', currency);
      s.putSetting.run('timezone', timezone);
    },
    replaceAccounts(accounts) {
      // Clear defaults first: the partial unique index allows one default at any moment.
      sqlite.prepare('UPDATE accounts SET is_default = 0, active = 0').run();
      for (const a of accounts) s.upsertAccount.run(a.code, a.name, a.role, a.isDefault ? 1 : 0);
    },
    replacePeriods(periods) {
      // Periods the file no longer lists are closed, never deleted: requests and entries
      // refer to them (ADR 011).
      sqlite.prepare('UPDATE periods SET closed = 1').run();
      for (const p of periods) s.upsertPeriod.run(p.name, p.start, p.end, p.closed ? 1 : 0);
    },
    upsertCustomer(c) {
      s.stageCustomer.run(c.id, c.name, c.name.toLowerCase());
    },
    upsertInvoice(invoice) {
      const hash = invoiceContentHash(invoice);
      const existing = invoicesExisted
        ? (s.invoiceHash.get(invoice.number) as { content_hash: string } | undefined)
        : undefined;
      if (existing?.content_hash === hash) {
        s.touchInvoice.run(importId, invoice.number);
        return 'unchanged';
      }
      // The file's open amount is both the new balance and the ERP figure kept for comparison.
      const { openMinor: open, retainageMinor: retainage } = invoiceSums(invoice);
      const row = [invoice.customerId, invoice.date, invoice.dueDate, open, open, retainage, hash];
      if (existing === undefined) {
        s.insertInvoice.run(invoice.number, ...row, importId, nowMs);
      } else {
        s.updateInvoice.run(...row, importId, nowMs, invoice.number);
        s.deleteLines.run(invoice.number);
        noteChanged(
          s.pendingOnInvoice.all(invoice.number) as { request_id: string }[],
          invoice.number,
        );
      }
      for (const l of invoice.lines) {
        s.insertLine.run(
          invoice.number,
          l.line,
          l.description,
          l.dueMinor,
          l.taxMinor,
          l.retainageMinor,
          l.financeChargeMinor,
        );
      }
      return existing === undefined ? 'inserted' : 'updated';
    },
    upsertOnAccount(item) {
      const existing = onAccountExisted
        ? (s.onAccountRow.get(item.id) as OnAccountRow | undefined)
        : undefined;
      // The file's amount is both the new balance and the ERP figure kept for comparison.
      const row = [item.customerId, item.date, item.amountMinor, item.amountMinor] as const;
      if (existing === undefined) {
        s.insertOnAccount.run(item.id, ...row, importId, nowMs);
        return 'inserted';
      }
      if (sameOnAccount(existing, item)) {
        s.touchOnAccount.run(importId, item.id);
        return 'unchanged';
      }
      s.updateOnAccount.run(...row, importId, nowMs, item.id);
      noteChanged(s.pendingOnOnAccount.all(item.id) as { request_id: string }[], item.id);
      return 'updated';
    },
    settleAbsent() {
      // The staged customers are written here, the first step after the file was read.
      // New or renamed customers left new segments in the type-ahead's trigram index, each of
      // which every fragment search reads: merged at a cost in proportion to what was written
      // (docs/decisions/370-trigram-index-bounded-merge.md).
      keepCustomerSearchCheap(s.upsertStagedCustomers.run().changes);
      s.clearStagedCustomers.run();
      for (const r of s.absentInvoicesPending.all(importId) as {
        request_id: string;
        number: string;
      }[]) {
        noteChanged([r], r.number);
      }
      for (const r of s.absentOnAccountPending.all(importId) as {
        request_id: string;
        id: string;
      }[]) {
        noteChanged([r], r.id);
      }
      s.zeroAbsentLines.run(importId);
      const invoices = s.settleAbsentInvoices.run(nowMs, importId).changes;
      const onAccount = s.settleAbsentOnAccount.run(nowMs, importId).changes;
      return { invoices, onAccount };
    },
    changedRequests() {
      return [...changed]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([requestId, items]) => ({ requestId, changedItems: [...items].sort() }));
    },
    markRequestStale(requestId) {
      if (s.markStale.run(requestId).changes === 0) return false;
      s.unlockInvoices.run(requestId);
      s.unlockOnAccount.run(requestId);
      return true;
    },
    auditRequestStale(requestId, details) {
      s.audit.run(nowMs, JSON.stringify(details), requestId);
    },
    finish(counts) {
      s.finishImport.run(counts.invoices, counts.lines, counts.onAccount, importId);
    },
  };
}

interface OnAccountRow {
  customer_id: string;
  item_on: string;
  erp_amount_minor: number;
}

// Compares with the ERP's last figure, never the live amount: a posted write-off moved that,
// and a file that has not caught up with it must not undo it (ADR 031).
function sameOnAccount(row: OnAccountRow, item: OnAccountItem): boolean {
  return (
    row.customer_id === item.customerId &&
    row.item_on === item.date &&
    row.erp_amount_minor === item.amountMinor
  );
}
