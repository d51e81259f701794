// Nothing half-written: a failure in the middle of the approval transaction (after the journal
// entry was inserted) rolls everything back. The failure is real, not mocked: the invoice line
// is changed behind the engine's back (without a version bump, as corrupt data would be), so
// taking the written-off finance charge out of it breaks the table's parts CHECK constraint.
import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { APPROVER, CLERK, seededDeps, TEST_REASON, unwrap } from '../support/app.ts';
import { sqlRun } from '../support/backend.ts';
import { dumpDatabase } from '../support/db.ts';

/** The message of what `fn` throws, including the SQLite error drizzle wraps as its cause. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return `${String(error)} ${cause}`;
  }
  return 'nothing thrown';
}

function pendingOn1001() {
  const deps = seededDeps();
  const preview = unwrap(
    previewManualRequest(deps, {
      customerId: 'C100',
      period: '2026-06',
      date: '2026-06-15',
      method: 'entry',
      invoices: [{ invoice: '1001' }],
    }),
  );
  const { requestId } = unwrap(
    submitRequest(deps, { ...TEST_REASON, ...preview, requester: CLERK }),
  );
  return { deps, requestId };
}

/** The parts CHECK constraint's refusal, in SQLite's words or PostgreSQL's. */
const PARTS_CHECK_FAILED =
  /CHECK constraint failed: invoice_lines_parts_check|violates check constraint "invoice_lines_parts_check"/;

describe('a failure mid-approval', () => {
  it('leaves no journal entry, no balance change, no status change, no audit row', () => {
    const { deps, requestId } = pendingOn1001();
    // Line 2 of 1001 is all finance charge (36.00); shrink its due below the FC the request
    // will take out. The CHECK only fails once the approval subtracts the parts.
    sqlRun(
      deps.store,
      `UPDATE invoice_lines SET due_minor = 3600, finance_charge_minor = 1000, tax_minor = 0
         WHERE invoice_number = '1001' AND line = 2`,
    );
    const before = dumpDatabase(deps.store);
    expect(thrown(() => approveRequest(deps, { requestId, approver: APPROVER }))).toMatch(
      PARTS_CHECK_FAILED,
    );
    expect(dumpDatabase(deps.store)).toEqual(before);
    expect(before.journal_entries).toEqual([]);
  });

  it('a failing reversal leaves the posted state untouched', () => {
    const { deps, requestId } = pendingOn1001();
    unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
    // The ERP turned line 2 into a credit since: putting a positive FC back would mix signs.
    sqlRun(
      deps.store,
      `UPDATE invoice_lines SET due_minor = -5000, finance_charge_minor = -500
         WHERE invoice_number = '1001' AND line = 2`,
    );
    const before = dumpDatabase(deps.store);
    expect(thrown(() => reverseRequest(deps, { requestId, by: APPROVER, reason: 'x' }))).toMatch(
      PARTS_CHECK_FAILED,
    );
    expect(dumpDatabase(deps.store)).toEqual(before);
  });

  it('a line that vanished aborts the reversal as a value, writing nothing', () => {
    const { deps, requestId } = pendingOn1001();
    unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
    sqlRun(deps.store, `DELETE FROM invoice_lines WHERE invoice_number = '1001' AND line = 2`);
    const before = dumpDatabase(deps.store);
    expect(reverseRequest(deps, { requestId, by: APPROVER, reason: 'x' })).toEqual({
      ok: false,
      error: { kind: 'item_missing', item: 'Invoice 1001 line 2' },
    });
    expect(dumpDatabase(deps.store)).toEqual(before);
  });
});
