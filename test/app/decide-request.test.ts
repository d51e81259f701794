// Reject and cancel (who may, with what reason, from which status), and the request lists and
// views after a decision, on a real migrated SQLite database with the small A/R file imported.
import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { cancelRequest, rejectRequest } from '../../src/app/decide-request.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import {
  getAuditTrail,
  getRequestView,
  listAwaitingApproval,
  listRequests,
} from '../../src/app/request-views.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
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
import { deps, pendingLocks, seedBeforeEach, submit } from './request-workflow-helpers.ts';

seedBeforeEach();

describe('rejectRequest and cancelRequest', () => {
  it('reject needs a reason and an approver who is not the requester', () => {
    const id = submit();
    expect(unwrapErr(rejectRequest(deps, { requestId: id, by: APPROVER, reason: '  ' }))).toEqual({
      kind: 'reason_required',
    });
    expect(unwrapErr(rejectRequest(deps, { requestId: id, by: CLERK, reason: 'x' })).kind).toBe(
      'not_allowed',
    );
    expect(
      unwrapErr(rejectRequest(deps, { requestId: id, by: 'U_NOBODY', reason: 'x' })).kind,
    ).toBe('not_approver');
    unwrap(rejectRequest(deps, { requestId: id, by: APPROVER, reason: 'Customer paid' }));
    expect(getRequestView(deps, id)).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Customer paid',
      approver: APPROVER,
    });
    expect(pendingLocks()).toEqual([]);
    expect(getAuditTrail(deps, id).at(-1)).toMatchObject({
      action: 'rejected',
      details: { reason: 'Customer paid' },
    });
    // docs/write-off-rules.md#approval: every step of the trail names exactly what was previewed.
    const { previewHash } = getRequestView(deps, id) ?? { previewHash: '' };
    expect(previewHash).toMatch(/^[0-9a-f]{64}$/);
    expect(getAuditTrail(deps, id).map((a) => a.previewHash)).toEqual([previewHash, previewHash]);
    expect(unwrapErr(approveRequest(deps, { requestId: id, approver: APPROVER }))).toEqual({
      kind: 'not_pending',
      requestId: id,
      status: 'rejected',
    });
  });

  it('cancel: the requester or an admin, pending or stale only', () => {
    const id = submit();
    expect(unwrapErr(cancelRequest(deps, { requestId: id, by: APPROVER })).kind).toBe(
      'not_allowed',
    );
    unwrap(cancelRequest(deps, { requestId: id, by: CLERK }));
    expect(getRequestView(deps, id)?.status).toBe('cancelled');
    expect(pendingLocks()).toEqual([]);
    const other = submit();
    unwrap(cancelRequest(deps, { requestId: other, by: ADMIN }));
    expect(unwrapErr(cancelRequest(deps, { requestId: other, by: ADMIN }))).toEqual({
      kind: 'not_pending',
      requestId: other,
      status: 'cancelled',
    });
  });
});

describe('views', () => {
  it('lists by requester and what an approver may approve', () => {
    const small = submit(manual({ invoices: [{ invoice: '1001' }] }));
    const mine = submit(manual({ invoices: [{ invoice: '1002' }] }), APPROVER);
    expect(listRequests(deps, { requester: CLERK }).map((r) => r.id)).toEqual([small]);
    expect(listAwaitingApproval(deps, APPROVER).map((r) => r.id)).toEqual([small]);
    expect(listAwaitingApproval(deps, BIG_APPROVER).map((r) => r.id)).toEqual([mine, small]);
    expect(listAwaitingApproval(deps, CLERK)).toEqual([]);
  });

  it('a posted request shows the posted entry, netted exactly as previewed', () => {
    const previewed = unwrap(previewManualRequest(deps, manual()));
    const id = unwrap(
      submitRequest(deps, { ...TEST_REASON, ...previewed, requester: CLERK }),
    ).requestId;
    expect(getRequestView(deps, id)?.journal).toEqual(previewed.preview.journal);
    unwrap(approveRequest(deps, { requestId: id, approver: APPROVER }));
    expect(getRequestView(deps, id)?.journal).toEqual(previewed.preview.journal);
  });
});
