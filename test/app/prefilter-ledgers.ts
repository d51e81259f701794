// The two ledgers the prefilter oracle (preview-prefilter.test.ts) compares previews over: the
// demo file plus edge-case invoices, freshly imported, and the same after write-offs were posted,
// one reversed, and others left pending.
import { approveRequest } from '../../src/app/approve-request.ts';
import { buildDemoArFile } from '../../src/app/demo-data.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import type { ArFileV1 } from '../../src/app/import-ar-file.ts';
import { importArFile } from '../../src/app/import-ar-file.ts';
import { previewAutomaticRun, previewManualRequest } from '../../src/app/preview-write-off.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import type { AutoCriteriaInput, AutoType } from '../../src/domain/automatic.ts';
import { formatAmount } from '../../src/domain/money.ts';
import { appDeps, TEST_REASON, unwrap } from '../support/app.ts';
import { createTestStore } from '../support/backend.ts';
import { NOW_MS } from '../support/db.ts';

export const TODAY = '2026-06-15';
const CLERK = 'U_CLERK';
const APPROVER = 'U_APPROVER';

const line = (n: number, due: number, fc = 0, retainage = 0) => ({
  line: n,
  description: 'edge case',
  due: formatAmount(due, 'USD'),
  tax: '0.00',
  retainage: formatAmount(retainage, 'USD'),
  financeCharge: formatAmount(fc, 'USD'),
});

/** The demo file plus invoices the demo lacks: polarity, mixed signs, zero balance, net 0. */
function ledgerFile(): ArFileV1 {
  const file = buildDemoArFile(TODAY);
  const inv = (
    number: string,
    customer: string,
    date: string,
    lines: ArFileV1['invoices'][0]['lines'],
  ) => ({
    number,
    customer,
    date,
    dueDate: date,
    lines,
  });
  return {
    ...file,
    customers: [...file.customers, { id: 'C105', name: 'Net Zero Ltd' }],
    invoices: [
      ...file.invoices,
      inv('X001', 'C110', '2026-02-10', [line(1, 10000, 1000), line(2, -30000)]),
      inv('X002', 'C110', '2026-01-20', [line(1, 20000, 2000), line(2, -5000, -500)]),
      inv('X003', 'C120', '2026-03-05', [line(1, 10000, 700), line(2, -10000)]),
      inv('X004', 'C105', '2026-02-01', [line(1, 5000, 500)]),
      inv('X005', 'C130', '2026-01-05', [line(1, 10000, 0, 10000)]),
      inv('X006', 'C130', '2025-12-24', [line(1, -10000, -1000)]),
      inv('X007', 'C130', '2025-12-24', [line(1, 9000, 3000, 6000), line(2, 400, 400)]),
      // Only the retainage of the line without FC (read as a sum, ADR 255) avoids a polarity skip.
      inv('X008', 'C120', '2026-02-12', [line(1, 10000, 1000), line(2, -15000, 0, -10000)]),
      inv('X009', 'C120', '2026-02-13', [line(1, 10000, 1000), line(2, -15000, 0, -4000)]),
      // The busy ledger writes off part of it: line 2's retainage moves, and a finance-charge
      // run reads it through the invoice's kept retainage_minor (ADR 320).
      inv('X010', 'C120', '2026-02-14', [line(1, 10000, 1000), line(2, 20000, 0, 8000)]),
    ],
    onAccount: [
      ...(file.onAccount ?? []),
      { id: 'P-X1', customer: 'C105', date: '2026-02-02', amount: '-50.00' },
      { id: 'P-X2', customer: 'C130', date: '2026-01-06', amount: '12.00' },
    ],
  };
}

export function importedLedger(): AppDeps {
  const database = createTestStore();
  unwrap(importArFile(database, ledgerFile(), NOW_MS));
  const deps = appDeps(database);
  const by = 'system:test';
  unwrap(grantRole(deps, { by, userId: APPROVER, role: 'approver' }));
  unwrap(setApproverLimit(deps, { by, userId: APPROVER, currency: 'USD', amount: '99999999.00' }));
  return deps;
}

function submitAuto(deps: AppDeps, input: AutoCriteriaInput): string {
  const { preview, snapshot } = unwrap(previewAutomaticRun(deps, input));
  return unwrap(submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK }))
    .requestId;
}

function submitManual(
  deps: AppDeps,
  customerId: string,
  invoices: { invoice: string; amount?: string }[],
): string {
  const request = {
    customerId,
    period: '2026-06',
    date: TODAY,
    method: 'entry' as const,
    invoices,
  };
  const { preview, snapshot } = unwrap(previewManualRequest(deps, request));
  return unwrap(
    submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK, method: 'entry' }),
  ).requestId;
}

export const run = (type: AutoType, value: string, over: Partial<AutoCriteriaInput> = {}) => ({
  type,
  value,
  olderThan: '2026-04-01',
  period: '2026-06',
  date: TODAY,
  ...over,
});

/** Posted (partial and automatic), reversed, and pending requests, so balances moved. */
export function busyLedger(): AppDeps {
  const deps = importedLedger();
  const approve = (requestId: string) =>
    unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
  approve(
    submitManual(deps, 'C100', [{ invoice: '10001', amount: '10.00' }, { invoice: '10002' }]),
  );
  approve(submitManual(deps, 'C120', [{ invoice: 'X010', amount: '100.00' }]));
  approve(
    submitAuto(
      deps,
      run('finance-charge', '50', {
        fcPercent: 'all-lines',
        customers: { from: 'C200', to: 'C260' },
      }),
    ),
  );
  const reversed = submitAuto(
    deps,
    run('invoice-balance', '30.00', { customers: { from: 'C300', to: 'C390' } }),
  );
  approve(reversed);
  unwrap(reverseRequest(deps, { requestId: reversed, by: APPROVER, reason: 'test' }));
  submitManual(deps, 'C105', [{ invoice: 'X004' }]);
  submitManual(deps, 'C110', [{ invoice: 'X001' }, { invoice: 'X002' }]);
  submitAuto(deps, run('finance-charge', '0', { customers: { from: 'C400', to: 'C450' } }));
  submitAuto(deps, run('invoice-balance', '25.00', { customers: { from: 'C100', to: 'C100' } }));
  return deps;
}
