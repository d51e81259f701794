// Approver limits cover the request's gross amount (sum of absolute line amounts), not its net
// total; no limit in the currency approves nothing. A reversal needs the same, and never the
// original requester. Through the use-cases on a real migrated SQLite database.
import { beforeEach, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { canReverse } from '../../src/app/decision-precheck.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { getRequestView, listAwaitingApproval } from '../../src/app/request-views.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import type { ManualRequest } from '../../src/domain/manual.ts';
import { describeAppError } from '../../src/domain/request-errors.ts';
import {
  ADMIN,
  APPROVER,
  BIG_APPROVER,
  CLERK,
  TEST_REASON,
  unwrap,
  unwrapErr,
} from '../support/app.ts';
import { sqlColumn } from '../support/backend.ts';
import {
  NET_ZERO_GROSS_MINOR,
  NO_LIMIT_APPROVER,
  netZeroDeps,
  netZeroRequest,
} from '../support/net-zero.ts';

const OTHER_BIG = 'U_BIG2';
const EURO_APPROVER = 'U_EURO';

let deps: AppDeps;
beforeEach(() => {
  deps = netZeroDeps();
  const by = 'system:test';
  for (const [userId, currency] of [
    [OTHER_BIG, 'USD'],
    [EURO_APPROVER, 'EUR'],
  ] as const) {
    unwrap(grantRole(deps, { by, userId, role: 'approver' }));
    unwrap(setApproverLimit(deps, { by, userId, currency, amount: '100000.00' }));
  }
});

function submit(request: ManualRequest = netZeroRequest(), requester = CLERK): string {
  const { preview, snapshot } = unwrap(previewManualRequest(deps, request));
  return unwrap(
    submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester, method: 'entry' }),
  ).requestId;
}

const entries = () => sqlColumn(deps.store, 'SELECT kind FROM journal_entries ORDER BY id');

describe('approval limit covers the gross amount', () => {
  it('a request netting to 0.00 is refused to an approver with no limit at all', () => {
    const id = submit();
    expect(getRequestView(deps, id)?.totalMinor).toBe(0);
    const error = unwrapErr(approveRequest(deps, { requestId: id, approver: NO_LIMIT_APPROVER }));
    expect(error).toEqual({
      kind: 'over_limit',
      action: 'approve',
      userId: NO_LIMIT_APPROVER,
      currency: 'USD',
      limitMinor: null,
      totalMinor: 0,
      grossMinor: NET_ZERO_GROSS_MINOR,
      eligibleApprovers: [BIG_APPROVER, OTHER_BIG],
    });
    expect(describeAppError(error, 'USD')).toBe(
      'The request (net $0.00, gross $1,600.00) needs an approval limit covering its gross amount $1,600.00; U0NOLIMIT has no approval limit in USD. Approvers who can approve it: U_BIG, U_BIG2.',
    );
    expect(entries()).toEqual([]);
    expect(getRequestView(deps, id)?.status).toBe('pending');
  });

  it('is refused to an approver whose limit covers the net total but not the gross amount', () => {
    const id = submit();
    const error = unwrapErr(approveRequest(deps, { requestId: id, approver: APPROVER }));
    expect(error).toMatchObject({ kind: 'over_limit', limitMinor: 100_000, grossMinor: 160_000 });
    expect(describeAppError(error, 'USD')).toContain("U_APPROVER's approval limit is $1,000.00");
    expect(entries()).toEqual([]);
  });

  it('a limit in another currency approves nothing', () => {
    const id = submit();
    expect(
      unwrapErr(approveRequest(deps, { requestId: id, approver: EURO_APPROVER })),
    ).toMatchObject({ kind: 'over_limit', limitMinor: null, currency: 'USD' });
  });

  it('an approver whose limit covers the gross amount posts it', () => {
    const id = submit();
    unwrap(approveRequest(deps, { requestId: id, approver: BIG_APPROVER }));
    expect(entries()).toEqual(['write_off']);
  });

  it('exactly at the gross amount passes', () => {
    const id = submit();
    unwrap(
      setApproverLimit(deps, {
        by: 'system:test',
        userId: APPROVER,
        currency: 'USD',
        amount: '1600.00',
      }),
    );
    unwrap(approveRequest(deps, { requestId: id, approver: APPROVER }));
  });

  it('App Home lists a request only to approvers whose limit covers its gross amount', () => {
    const id = submit();
    expect(listAwaitingApproval(deps, APPROVER).map((r) => r.id)).toEqual([]);
    expect(listAwaitingApproval(deps, NO_LIMIT_APPROVER).map((r) => r.id)).toEqual([]);
    expect(listAwaitingApproval(deps, BIG_APPROVER).map((r) => r.id)).toEqual([id]);
  });

  it('the request view carries the gross amount', () => {
    const id = submit();
    expect(getRequestView(deps, id)).toMatchObject({ totalMinor: 0, grossMinor: 160_000 });
  });
});

describe('reversal', () => {
  function posted(requester = CLERK, approver = BIG_APPROVER): string {
    const id = submit(netZeroRequest(), requester);
    unwrap(approveRequest(deps, { requestId: id, approver }));
    return id;
  }

  const reverse = (requestId: string, by: string) =>
    reverseRequest(deps, { requestId, by, reason: 'Posted in error' });

  it('needs an approver whose limit covers the gross amount', () => {
    const id = posted();
    for (const by of [APPROVER, NO_LIMIT_APPROVER, EURO_APPROVER]) {
      const error = unwrapErr(reverse(id, by));
      expect(error).toMatchObject({
        kind: 'over_limit',
        action: 'reverse',
        userId: by,
        totalMinor: 0,
        grossMinor: NET_ZERO_GROSS_MINOR,
        eligibleApprovers: [BIG_APPROVER, OTHER_BIG],
      });
      expect(canReverse(deps, id, by)).toEqual(error);
    }
    expect(describeAppError(unwrapErr(reverse(id, APPROVER)), 'USD')).toBe(
      "Reversing the request (net $0.00, gross $1,600.00) needs an approval limit covering its gross amount $1,600.00; U_APPROVER's approval limit is $1,000.00 USD. Approvers who can reverse it: U_BIG, U_BIG2.",
    );
    expect(entries()).toEqual(['write_off']);
    expect(getRequestView(deps, id)?.status).toBe('posted');
  });

  it('a $1.00 limit cannot reverse a posted write-off', () => {
    const id = submit(undefined); // net-zero, gross 1,600.00
    unwrap(approveRequest(deps, { requestId: id, approver: OTHER_BIG }));
    unwrap(
      setApproverLimit(deps, {
        by: 'system:test',
        userId: APPROVER,
        currency: 'USD',
        amount: '1.00',
      }),
    );
    expect(unwrapErr(reverse(id, APPROVER)).kind).toBe('over_limit');
  });

  it('is never done by the original requester, whatever their limit', () => {
    const id = posted(BIG_APPROVER, OTHER_BIG);
    const error = unwrapErr(reverse(id, BIG_APPROVER));
    expect(error).toEqual({
      kind: 'not_allowed',
      userId: BIG_APPROVER,
      action: 'reverse their own write-off request (another approver must)',
    });
    expect(canReverse(deps, id, BIG_APPROVER)).toEqual(error);
    // Eligible reversers never include the requester.
    expect(unwrapErr(reverse(id, APPROVER))).toMatchObject({ eligibleApprovers: [OTHER_BIG] });
    expect(entries()).toEqual(['write_off']);
  });

  it('an admin without the approver role may not reverse', () => {
    const id = posted();
    expect(unwrapErr(reverse(id, ADMIN)).kind).toBe('not_allowed');
    expect(canReverse(deps, id, ADMIN)?.kind).toBe('not_allowed');
  });

  it('another approver covering the gross amount reverses, the original approver included', () => {
    const id = posted(CLERK, OTHER_BIG);
    expect(canReverse(deps, id, OTHER_BIG)).toBeUndefined();
    unwrap(reverse(id, OTHER_BIG));
    expect(entries()).toEqual(['write_off', 'reversal']);
  });
});
