// Test helpers for the request use-cases: deps over a fresh migrated database (SQLite in memory,
// or PostgreSQL in the suite's PostgreSQL run: test/support/backend.ts) with the small A/R file
// imported, a fixed clock, and the usual cast (a clerk, two approvers, an
// admin).
import { approveRequest } from '../../src/app/approve-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import type { ArFileV1 } from '../../src/app/import/ar-file-schema.ts';
import { previewAutomaticRun } from '../../src/app/preview-write-off.ts';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import type { ManualRequest } from '../../src/domain/manual.ts';
import type { Result } from '../../src/domain/types.ts';
import { createTestStore, type StoreSource, storeOf } from './backend.ts';
import { importFixture, NOW_MS, smallArFile } from './db.ts';

export const CLERK = 'U_CLERK';
export const APPROVER = 'U_APPROVER';
export const BIG_APPROVER = 'U_BIG';
export const ADMIN = 'U_ADMIN';

/** The reason code and evidence a test request carries unless it says otherwise (docs/policy.md). */
export const TEST_REASON = {
  reasonCode: 'uncollectible',
  evidence: 'collection agency letter 2026-05',
} as const;

export function appDeps(database: StoreSource, nowMs = NOW_MS): AppDeps {
  return { store: storeOf(database), now: () => new Date(nowMs) };
}

/** Imported small file (or `file`), APPROVER up to 1,000.00 USD, BIG_APPROVER up to 100,000.00, an admin. */
export function seedDatabase<T extends StoreSource>(
  database: T,
  file: ArFileV1 = smallArFile(),
): T {
  importFixture(database, file);
  const deps = appDeps(database);
  const by = 'system:test';
  unwrap(grantRole(deps, { by, userId: APPROVER, role: 'approver' }));
  unwrap(setApproverLimit(deps, { by, userId: APPROVER, currency: 'USD', amount: '1000.00' }));
  unwrap(grantRole(deps, { by, userId: BIG_APPROVER, role: 'approver' }));
  unwrap(
    setApproverLimit(deps, { by, userId: BIG_APPROVER, currency: 'USD', amount: '100000.00' }),
  );
  unwrap(grantRole(deps, { by, userId: ADMIN, role: 'admin' }));
  return database;
}

/** Deps over a fresh seeded database (seedDatabase). */
export function seededDeps(): AppDeps {
  return appDeps(seedDatabase(createTestStore()));
}

/**
 * Posts an account-balance run for C100 (limit 1,000.00, older than 2026-06-01, period 2026-06):
 * CLERK submits, APPROVER approves. It writes off P-9 (-60.00) along with C100's invoices.
 * Returns the request id.
 */
export function postC100AccountBalanceRun(deps: AppDeps): string {
  const run = unwrap(
    previewAutomaticRun(deps, {
      type: 'account-balance',
      value: '1000.00',
      olderThan: '2026-06-01',
      customers: { from: 'C100', to: 'C100' },
      period: '2026-06',
      date: '2026-06-15',
    }),
  );
  const { requestId } = unwrap(submitRequest(deps, { ...TEST_REASON, ...run, requester: CLERK }));
  unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
  return requestId;
}

/** The usual manual request: C100's 1001 in full and 40.00 of 1002, Entry method. */
export const manual = (over: Partial<ManualRequest> = {}): ManualRequest => ({
  customerId: 'C100',
  period: '2026-06',
  date: '2026-06-15',
  method: 'entry',
  account: '7100',
  comment: 'Chapter 7 bankruptcy',
  invoices: [{ invoice: '1001' }, { invoice: '1002', amount: '40.00' }],
  ...over,
});

export function unwrap<T, E>(result: Result<T, E>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

export function unwrapErr<T, E>(result: Result<T, E>): E {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}
