// Approve: posting the entry, the refusals (requester, non-approver, over the limit, closed
// period) and staleness, through the use-cases on a real migrated SQLite database with the small
// A/R file imported.
import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { previewAutomaticRun, previewManualRequest } from '../../src/app/preview-write-off.ts';
import { getAuditTrail, getRequestView } from '../../src/app/request-views.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { getInvoice, getOnAccountItem } from '../../src/db/repos/invoices.ts';
import { describeAppError } from '../../src/domain/request-errors.ts';
import {
  ADMIN,
  APPROVER,
  BIG_APPROVER,
  CLERK,
  manual,
  TEST_REASON,
  unwrap,
  unwrapErr,
} from '../support/app.ts';
import { sqlRun, sqlValue, testTx } from '../support/backend.ts';
import { dumpDatabase, importFixture, smallArFile } from '../support/db.ts';
import { deps, pendingLocks, seedBeforeEach, submit } from './request-workflow-helpers.ts';

seedBeforeEach();

describe('approveRequest', () => {
  it('posts the entry, reduces the balances, releases the locks and audits', () => {
    const id = submit();
    const posted = unwrap(
      approveRequest(deps, {
        requestId: id,
        approver: APPROVER,
        slack: { channel: 'C1', ts: '1.2' },
      }),
    );
    expect(posted.status).toBe('posted');
    const view = getRequestView(deps, id);
    expect(view).toMatchObject({
      status: 'posted',
      approver: APPROVER,
      postedEntryId: posted.entryId,
    });
    expect(getInvoice(testTx(deps.store), '1001')?.lines.map((l) => l.dueMinor)).toEqual([0, 0]);
    expect(getInvoice(testTx(deps.store), '1002')?.lines[0]).toMatchObject({
      dueMinor: 46000,
      taxMinor: 1840,
      retainageMinor: 4600,
      financeChargeMinor: 460,
    });
    expect(pendingLocks()).toEqual([]);
    const trail = getAuditTrail(deps, id);
    expect(trail.map((a) => a.action)).toEqual(['submitted', 'approved', 'posted']);
    expect(new Set(trail.map((a) => a.previewHash)).size).toBe(1);
    expect(trail[2]?.previewHash).toMatch(/^[0-9a-f]{64}$/);
    expect(trail[1]).toMatchObject({ actor: APPROVER, slackChannel: 'C1', slackTs: '1.2' });
  });

  it('a second approval reports already posted and changes nothing', () => {
    const id = submit();
    const first = unwrap(approveRequest(deps, { requestId: id, approver: APPROVER }));
    const before = dumpDatabase(deps.store);
    for (const approver of [APPROVER, BIG_APPROVER]) {
      expect(unwrapErr(approveRequest(deps, { requestId: id, approver }))).toEqual({
        kind: 'already_posted',
        requestId: id,
        entryId: first.entryId,
      });
    }
    expect(dumpDatabase(deps.store)).toEqual(before);
  });

  it('refuses the requester, a non-approver and an unknown request', () => {
    const id = submit(manual(), APPROVER);
    expect(unwrapErr(approveRequest(deps, { requestId: id, approver: APPROVER })).kind).toBe(
      'self_approval',
    );
    expect(unwrapErr(approveRequest(deps, { requestId: id, approver: ADMIN }))).toEqual({
      kind: 'not_approver',
      userId: ADMIN,
    });
    expect(unwrapErr(approveRequest(deps, { requestId: 'WO-999999', approver: APPROVER }))).toEqual(
      { kind: 'request_not_found', requestId: 'WO-999999' },
    );
    expect(getRequestView(deps, id)?.status).toBe('pending');
  });

  it('over the limit: says who can approve and escalates, leaving the request pending', () => {
    const id = submit(manual({ invoices: [{ invoice: '1002' }] })); // 500.00
    sqlRun(
      deps.store,
      'UPDATE approver_limits SET limit_minor = 49999 WHERE user_id = ?',
      APPROVER,
    );
    const error = unwrapErr(approveRequest(deps, { requestId: id, approver: APPROVER }));
    expect(error).toEqual({
      kind: 'over_limit',
      action: 'approve',
      userId: APPROVER,
      currency: 'USD',
      limitMinor: 49999,
      totalMinor: 50000,
      grossMinor: 50000,
      eligibleApprovers: [BIG_APPROVER],
    });
    expect(describeAppError(error, 'USD')).toBe(
      "The request ($500.00) needs an approval limit covering its gross amount $500.00; U_APPROVER's approval limit is $499.99 USD. Approvers who can approve it: U_BIG.",
    );
    expect(getRequestView(deps, id)?.status).toBe('pending');
    expect(getAuditTrail(deps, id).map((a) => a.action)).toEqual([
      'submitted',
      'approval_over_limit',
    ]);
    unwrap(approveRequest(deps, { requestId: id, approver: BIG_APPROVER }));
  });

  it('an approval exactly at the limit passes', () => {
    const id = submit(manual({ invoices: [{ invoice: '1002' }] }));
    sqlRun(
      deps.store,
      'UPDATE approver_limits SET limit_minor = 50000 WHERE user_id = ?',
      APPROVER,
    );
    expect(approveRequest(deps, { requestId: id, approver: APPROVER }).ok).toBe(true);
  });

  it('balances changed since the preview: the request becomes stale and goes back', () => {
    const id = submit();
    const file = smallArFile();
    const line = file.invoices[0]?.lines[0];
    if (line) line.due = '106.00';
    // The import itself marks it stale; approval re-checks anyway, so simulate an import
    // that missed it by putting the request back to pending with its locks.
    importFixture(deps.store, file);
    expect(getRequestView(deps, id)?.status).toBe('stale');
    sqlRun(deps.store, "UPDATE write_off_requests SET status = 'pending' WHERE id = ?", id);
    const error = unwrapErr(approveRequest(deps, { requestId: id, approver: APPROVER }));
    expect(error).toEqual({ kind: 'stale', requestId: id, changedItems: ['1001'] });
    expect(getRequestView(deps, id)?.status).toBe('stale');
    expect(sqlValue(deps.store, 'SELECT count(*) FROM journal_entries')).toBe(0);
    expect(getAuditTrail(deps, id).at(-1)).toMatchObject({ action: 'stale', actor: APPROVER });
  });

  it('a posted write-off makes an overlapping earlier preview stale', () => {
    const a = unwrap(
      previewManualRequest(deps, manual({ invoices: [{ invoice: '1002', amount: '10.00' }] })),
    );
    const b = unwrap(
      previewManualRequest(deps, manual({ invoices: [{ invoice: '1002', amount: '20.00' }] })),
    );
    const idA = unwrap(submitRequest(deps, { ...TEST_REASON, ...a, requester: CLERK })).requestId;
    unwrap(approveRequest(deps, { requestId: idA, approver: APPROVER }));
    expect(unwrapErr(submitRequest(deps, { ...TEST_REASON, ...b, requester: CLERK }))).toEqual({
      kind: 'stale',
      changedItems: ['1002'],
    });
  });

  it('refuses to post into a period closed since submission', () => {
    const id = submit();
    sqlRun(deps.store, "UPDATE periods SET closed = TRUE WHERE name = '2026-06'");
    expect(unwrapErr(approveRequest(deps, { requestId: id, approver: APPROVER }))).toEqual({
      kind: 'period_closed',
      period: '2026-06',
      earliestOpen: '2026-07',
    });
    expect(getRequestView(deps, id)?.status).toBe('pending');
  });

  it('an account-balance run writes off on-account items too, debits and credits alike', () => {
    const run = unwrap(
      previewAutomaticRun(deps, {
        type: 'account-balance',
        value: '600.00',
        olderThan: '2026-06-01',
        customers: { from: 'C100', to: 'C100' },
        period: '2026-06',
        date: '2026-06-15',
      }),
    );
    expect(run.preview.totalMinor).toBe(58300);
    const id = unwrap(submitRequest(deps, { ...TEST_REASON, ...run, requester: CLERK })).requestId;
    unwrap(approveRequest(deps, { requestId: id, approver: APPROVER }));
    expect(getOnAccountItem(testTx(deps.store), 'P-9')?.amountMinor).toBe(0);
    expect(getInvoice(testTx(deps.store), '1002')?.lines[0]?.dueMinor).toBe(0);
  });
});
