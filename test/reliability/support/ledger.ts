// A mid-sized seeded ledger for the reliability suite: the bench generator's file at a small
// size (so invoices have several lines, retainage, finance charges, credits and on-account
// items), imported into a file or in-memory database, with clerks and approvers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ArFileSpec, writeArFile } from '../../../scripts/generate-ar-file.ts';
import type { AppDeps } from '../../../src/app/deps.ts';
import { importArFile } from '../../../src/app/import-ar-file.ts';
import { previewManualRequest } from '../../../src/app/preview-write-off.ts';
import { grantRole, setApproverLimit } from '../../../src/app/roles.ts';
import { submitRequest } from '../../../src/app/submit-request.ts';
import type { Database } from '../../../src/db/client.ts';
import { listOpenInvoices } from '../../../src/db/repos/invoices.ts';
import { sqliteStore } from '../../../src/db/sqlite-store.ts';
import type { Store } from '../../../src/db/store.ts';
import { TEST_REASON } from '../../support/app.ts';

export const RELIABILITY_NOW_MS = Date.UTC(2026, 5, 15, 14, 0, 0);
export const OPEN_PERIOD = '2026-06';
export const WRITE_OFF_DATE = '2026-06-15';
export const CLERKS = ['U0CLERK01', 'U0CLERK02'] as const;
export const APPROVERS = ['U0APPROVER1', 'U0APPROVER2', 'U0APPROVER3'] as const;
/** An approver whose 1,000.00 USD limit many requests exceed (their gross amount, ADR 100). */
export const LIMITED_APPROVER = 'U0APPROVER9';

export const SMALL_LEDGER: ArFileSpec = {
  seed: 5,
  customers: 30,
  invoices: 300,
  linesPerInvoice: 3,
  onAccount: 40,
};

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `writeoff-${prefix}-`));
}

/** Writes the seeded A/R file into `dir` and returns its path. */
export function writeLedgerFile(dir: string, spec: ArFileSpec = SMALL_LEDGER): string {
  const path = join(dir, 'ar.json');
  writeArFile(path, spec);
  return path;
}

export function depsFor(database: Database, nowMs = RELIABILITY_NOW_MS): AppDeps {
  return { store: sqliteStore(database), now: () => new Date(nowMs) };
}

function must<T, E>(result: { ok: true; value: T } | { ok: false; error: E }, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error).slice(0, 400)}`);
  return result.value;
}

/** Imports the file; the approvers get an effectively unlimited USD limit, LIMITED_APPROVER 1,000.00. */
export function seedLedger(database: Database, filePath: string): AppDeps {
  return seedStore(sqliteStore(database), filePath);
}

/** seedLedger on any store (the PostgreSQL suites seed a server database through its bridge). */
export function seedStore(store: Store, filePath: string): AppDeps {
  const deps: AppDeps = { store, now: () => new Date(RELIABILITY_NOW_MS) };
  must(importArFile(store, filePath, RELIABILITY_NOW_MS), 'import');
  for (const userId of APPROVERS) {
    must(grantRole(deps, { by: 'system:test', userId, role: 'approver' }), 'grant');
    const limit = { by: 'system:test', userId, currency: 'USD', amount: '100000000.00' };
    must(setApproverLimit(deps, limit), 'limit');
  }
  for (const userId of CLERKS) {
    must(grantRole(deps, { by: 'system:test', userId, role: 'clerk' }), 'grant');
  }
  must(grantRole(deps, { by: 'system:test', userId: LIMITED_APPROVER, role: 'approver' }), 'grant');
  const limited = {
    by: 'system:test',
    userId: LIMITED_APPROVER,
    currency: 'USD',
    amount: '1000.00',
  };
  must(setApproverLimit(deps, limited), 'limit');
  return deps;
}

/**
 * Submits one request writing off every open invoice of `customer` (the first clerk asks); its
 * id, or null when the customer has nothing open. Either backend.
 */
export function submitWholeCustomer(deps: AppDeps, customer: string): string | null {
  if (deps.store.read((tx) => listOpenInvoices(tx, customer)).length === 0) return null;
  const preview = previewManualRequest(deps, {
    customerId: customer,
    period: OPEN_PERIOD,
    date: WRITE_OFF_DATE,
    method: 'entry',
    invoices: 'all',
  });
  if (!preview.ok) throw new Error(JSON.stringify(preview.error));
  const submitted = submitRequest(deps, { ...TEST_REASON, ...preview.value, requester: CLERKS[0] });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
  return submitted.value.requestId;
}
