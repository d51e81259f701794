// Submit → approve / reject / cancel → reverse, through the use-cases on a real migrated
// SQLite database with the small A/R file imported.
import { beforeEach, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { cancelRequest, rejectRequest } from '../../src/app/decide-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { getAuditTrail, getRequestView } from '../../src/app/request-views.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { getInvoice, getOnAccountItem } from '../../src/db/invoices.repo.ts';
import type { ManualRequest } from '../../src/domain/manual.ts';
import { APPROVER, CLERK, seededDeps, unwrap, unwrapErr } from '../support/app.ts';

let deps: AppDeps;
beforeEach(() => {
  deps = seededDeps();
});

const manual = (over: Partial<ManualRequest> = {}): ManualRequest => ({
  customerId: 'C100',
  period: '2026-06',
  date: '2026-06-15',
  method: 'entry',
  account: '7100',
  comment: 'Chapter 7 bankruptcy',
  invoices: [{ invoice: '1001' }, { invoice: '1002', amount: '40.00' }],
  ...over,
});

function submit(request: ManualRequest = manual(), requester = CLERK): string {
  const { preview, snapshot } = unwrap(previewManualRequest(deps, request));
  return unwrap(submitRequest(deps, { preview, snapshot, requester, method: 'entry' })).requestId;
}

describe('submit and approve', () => {
  it('posts the entry and reduces the balances', () => {
    const id = submit();
    expect(id).toBe('WO-000001');
    const posted = unwrap(approveRequest(deps, { requestId: id, approver: APPROVER }));
    expect(posted.status).toBe('posted');
    const view = getRequestView(deps, id);
    expect(view?.status).toBe('posted');
    expect(view?.postedEntryId).toBe(posted.entryId);
    expect(getInvoice(deps.database.db, '1001')?.lines.map((l) => l.dueMinor)).toEqual([0, 0]);
    expect(getInvoice(deps.database.db, '1002')?.lines[0]?.dueMinor).toBe(46000);
    expect(getAuditTrail(deps, id).map((a) => a.action)).toEqual([
      'submitted',
      'approved',
      'posted',
    ]);
  });

  it('reports already posted the second time and changes nothing', () => {
    const id = submit();
    const first = unwrap(approveRequest(deps, { requestId: id, approver: APPROVER }));
    const error = unwrapErr(approveRequest(deps, { requestId: id, approver: APPROVER }));
    expect(error).toEqual({ kind: 'already_posted', requestId: id, entryId: first.entryId });
  });

  it('refuses self-approval', () => {
    const id = submit(manual(), APPROVER);
    expect(unwrapErr(approveRequest(deps, { requestId: id, approver: APPROVER })).kind).toBe(
      'self_approval',
    );
  });

  it('rejects, cancels and reverses', () => {
    const a = submit(manual({ invoices: [{ invoice: '1001' }] }));
    expect(unwrapErr(rejectRequest(deps, { requestId: a, by: APPROVER, reason: ' ' })).kind).toBe(
      'reason_required',
    );
    unwrap(rejectRequest(deps, { requestId: a, by: APPROVER, reason: 'Not yet' }));
    const b = submit(manual({ invoices: [{ invoice: '1001' }] }));
    unwrap(cancelRequest(deps, { requestId: b, by: CLERK }));
    const c = submit(manual({ invoices: 'all' }));
    unwrap(approveRequest(deps, { requestId: c, approver: APPROVER }));
    expect(getOnAccountItem(deps.database.db, 'P-9')?.amountMinor).toBe(-6000);
    unwrap(reverseRequest(deps, { requestId: c, by: APPROVER, reason: 'Paid after all' }));
    expect(getInvoice(deps.database.db, '1001')?.lines.map((l) => l.dueMinor)).toEqual([
      10700, 3600,
    ]);
  });
});
