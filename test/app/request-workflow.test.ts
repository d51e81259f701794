// Submit: through the use-cases on a real migrated SQLite database with the small A/R file
// imported (test/support/db.ts). Assertions read the database back through the repos and the
// views. Approval is in approve-request.test.ts, reject and cancel in decide-request.test.ts.
import { describe, expect, it } from 'vitest';
import { previewAutomaticRun, previewManualRequest } from '../../src/app/preview-write-off.ts';
import { getAuditTrail, getRequestView, listRequests } from '../../src/app/request-views.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { listDueOutbox } from '../../src/db/repos/outbox.ts';
import { describeAppError } from '../../src/domain/request-errors.ts';
import { CLERK, manual, TEST_REASON, unwrap, unwrapErr } from '../support/app.ts';
import { sqlRun, testTx } from '../support/backend.ts';
import { dumpDatabase, importFixture, smallArFile } from '../support/db.ts';
import { deps, pendingLocks, seedBeforeEach, submit } from './request-workflow-helpers.ts';

seedBeforeEach();

describe('submitRequest', () => {
  it('stores the previewed lines as pending, locks the invoices and audits', () => {
    const id = submit();
    expect(id).toBe('WO-000001');
    const view = getRequestView(deps, id);
    expect(view).toMatchObject({
      status: 'pending',
      mode: 'manual',
      method: 'entry',
      customerId: 'C100',
      customers: [{ id: 'C100', name: 'Acme Builders' }],
      totalMinor: 18300,
      requester: CLERK,
      account: '7100',
    });
    expect(view?.items.map((i) => i.totalMinor)).toEqual([14300, 4000]);
    expect(view?.journal.find((r) => r.account === '7100')?.debitMinor).toBe(13800);
    expect(pendingLocks()).toEqual(['1001', '1002']);
    expect(getAuditTrail(deps, id).map((a) => a.action)).toEqual(['submitted']);
    expect(listDueOutbox(testTx(deps.store), Number.MAX_SAFE_INTEGER).map((m) => m.kind)).toEqual([
      'request_submitted',
    ]);
  });

  it('numbers requests WO-000001, WO-000002, …', () => {
    expect(submit(manual({ invoices: [{ invoice: '1001' }] }))).toBe('WO-000001');
    expect(submit(manual({ invoices: [{ invoice: '1002' }] }))).toBe('WO-000002');
  });

  it('refuses an invoice already in another pending request, naming it', () => {
    const first = unwrap(previewManualRequest(deps, manual({ invoices: [{ invoice: '1001' }] })));
    const second = unwrap(previewManualRequest(deps, manual({ invoices: [{ invoice: '1001' }] })));
    const id = unwrap(
      submitRequest(deps, { ...TEST_REASON, ...first, requester: CLERK }),
    ).requestId;
    const before = dumpDatabase(deps.store);
    const error = unwrapErr(
      submitRequest(deps, { ...TEST_REASON, ...second, requester: 'U_OTHER' }),
    );
    expect(error).toEqual({ kind: 'pending_elsewhere', invoice: '1001', requestId: id });
    expect(describeAppError(error, 'USD')).toBe(
      `Invoice 1001 is already in pending request ${id}.`,
    );
    expect(dumpDatabase(deps.store)).toEqual(before);
  });

  it('a later preview reports the held invoice instead of selecting it', () => {
    const id = submit(manual({ invoices: [{ invoice: '1001' }] }));
    const error = unwrapErr(
      previewManualRequest(deps, manual({ invoices: [{ invoice: '1001' }] })),
    );
    expect(error).toEqual({
      kind: 'validation',
      errors: [{ kind: 'pending_elsewhere', invoice: '1001', requestId: id }],
    });
  });

  it('refuses a closed period, naming the earliest open one', () => {
    const { preview, snapshot } = unwrap(previewManualRequest(deps, manual()));
    sqlRun(deps.store, "UPDATE periods SET closed = TRUE WHERE name = '2026-06'");
    const error = unwrapErr(
      submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK, method: 'entry' }),
    );
    expect(error).toEqual({ kind: 'period_closed', period: '2026-06', earliestOpen: '2026-07' });
    expect(describeAppError(error, 'USD')).toContain('The earliest open period is 2026-07.');
  });

  it('refuses an account outside the chart, writing nothing', () => {
    const { preview, snapshot } = unwrap(previewManualRequest(deps, manual()));
    expect(
      unwrapErr(
        submitRequest(deps, {
          ...TEST_REASON,
          preview,
          snapshot,
          requester: CLERK,
          account: '9999',
        }),
      ),
    ).toEqual({
      kind: 'invalid_input',
      field: 'account',
      message: '9999 is not in the chart of accounts',
    });
    expect(listRequests(deps)).toEqual([]);
  });

  it('refuses balances that changed between preview and submit', () => {
    const { preview, snapshot } = unwrap(previewManualRequest(deps, manual()));
    const file = smallArFile();
    const line = file.invoices[1]?.lines[0];
    if (line) line.due = '499.00';
    importFixture(deps.store, file);
    expect(
      unwrapErr(submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK })),
    ).toEqual({
      kind: 'stale',
      changedItems: ['1002'],
    });
    expect(listRequests(deps)).toEqual([]);
  });

  it('submits an automatic run across customers', () => {
    const run = unwrap(
      previewAutomaticRun(deps, {
        type: 'invoice-balance',
        value: '200.00',
        olderThan: '2026-06-01',
        period: '2026-06',
        date: '2026-06-15',
      }),
    );
    const id = unwrap(
      submitRequest(deps, {
        ...TEST_REASON,
        ...run,
        requester: CLERK,
        criteria: run.criteria,
        reason: 'small',
      }),
    ).requestId;
    const view = getRequestView(deps, id);
    expect(view?.mode).toBe('invoice-balance');
    expect(view?.customerId).toBeNull();
    expect(view?.customers.map((c) => c.id)).toEqual(['C100', 'C200']);
    expect(view?.criteria).toMatchObject({ type: 'invoice-balance', valueText: '200.00' });
  });
});
