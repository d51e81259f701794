// A ledger for digest tests, seeded through the real use-cases at chosen instants. Zone:
// America/Los_Angeles (the file's company time zone), so 2026-W49 runs from
// 2026-11-30T08:00Z to 2026-12-07T08:00Z. Write-off date 2026-12-01 for everything posted in
// W49, with invoices 90, 91, 365 and 366 days old on that date.
import { approveRequest } from '../../src/app/approve-request.ts';
import { rejectRequest } from '../../src/app/decide-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import type { ArFileV1 } from '../../src/app/import/ar-file-schema.ts';
import type { PreviewResult } from '../../src/app/preview-write-off.ts';
import { previewAutomaticRun, previewManualRequest } from '../../src/app/preview-write-off.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { TEST_REASON, unwrap } from './app.ts';
import { type StoreSource, storeOf } from './backend.ts';
import { importFixture, smallArFile } from './db.ts';

export const DIGEST_ZONE = 'America/Los_Angeles';
export const ANN = 'U0ANN';
export const BOB = 'U0BOB';
export const BOSS = 'U0BOSS';

const inv = (number: string, customer: string, date: string, due: string) => ({
  number,
  customer,
  date,
  dueDate: date,
  lines: [
    { line: 1, description: 'Work', due, tax: '0.00', retainage: '0.00', financeCharge: '0.00' },
  ],
});

export function digestArFile(): ArFileV1 {
  const base = smallArFile();
  return {
    ...base,
    timezone: DIGEST_ZONE,
    periods: [
      { name: '2026-11', start: '2026-11-01', end: '2026-11-30', closed: false },
      { name: '2026-12', start: '2026-12-01', end: '2026-12-31', closed: false },
    ],
    customers: [
      { id: 'C100', name: 'Acme Builders' },
      { id: 'C200', name: 'Bolt & Nut Supply' },
      { id: 'C300', name: '<Cobalt> *Roofing*' },
      { id: 'C400', name: 'Delta Drywall' },
    ],
    invoices: [
      inv('2001', 'C100', '2026-09-02', '100.00'), // 90 days old on 2026-12-01
      inv('2002', 'C100', '2026-09-01', '200.00'), // 91 days
      inv('2003', 'C200', '2025-12-01', '300.00'), // 365 days
      inv('2004', 'C200', '2025-11-30', '400.00'), // 366 days
      inv('2005', 'C300', '2026-11-01', '50.00'),
      inv('2006', 'C300', '2026-10-01', '70.00'),
      inv('2007', 'C100', '2026-10-20', '1000.00'),
      inv('2008', 'C400', '2026-05-01', '30.00'),
    ],
    onAccount: [{ id: 'P-1', customer: 'C400', date: '2026-10-01', amount: '-10.00' }],
  };
}

/** A clock the test moves: `at('2026-12-01T17:00:00Z')` before each step. */
export function movableDeps(database: StoreSource): AppDeps & { at(iso: string): void } {
  let nowMs = Date.parse('2026-11-20T00:00:00Z');
  return {
    store: storeOf(database),
    now: () => new Date(nowMs),
    at(iso: string) {
      nowMs = Date.parse(iso);
    },
  };
}

function manualPreview(deps: AppDeps, customerId: string, invoices: string[], date: string) {
  return unwrap(
    previewManualRequest(deps, {
      customerId,
      period: date.slice(0, 7),
      date,
      method: 'entry',
      account: '7100',
      invoices: invoices.map((invoice) => ({ invoice })),
    }),
  );
}

function submit(deps: AppDeps, run: PreviewResult, requester: string): string {
  return unwrap(
    submitRequest(deps, { ...TEST_REASON, ...run, requester, method: 'entry', account: '7100' }),
  ).requestId;
}

/**
 * W48: WO-000001 (C100 1000.00) posted. W49: WO-000002 (C100, 300.00) and WO-000003 (C200,
 * 700.00, approved Sunday 23:59:59 local) posted; WO-000001 reversed; WO-000004 (C300, 50.00)
 * left pending past the SLA. W50: WO-000005 (C300, 70.00) rejected and WO-000006 (C400 account
 * balance 20.00) posted at Monday 00:00:00 local.
 */
export function seedDigestWeeks(database: StoreSource): AppDeps & { at(iso: string): void } {
  importFixture(database, digestArFile());
  const deps = movableDeps(database);
  unwrap(grantRole(deps, { by: 'system:test', userId: BOSS, role: 'approver' }));
  unwrap(
    setApproverLimit(deps, {
      by: 'system:test',
      userId: BOSS,
      currency: 'USD',
      amount: '100000.00',
    }),
  );
  const post = (run: PreviewResult, requester: string, submitAt: string, approveAt: string) => {
    deps.at(submitAt);
    const id = submit(deps, run, requester);
    deps.at(approveAt);
    unwrap(approveRequest(deps, { requestId: id, approver: BOSS }));
    return id;
  };
  const first = post(
    manualPreview(deps, 'C100', ['2007'], '2026-11-24'),
    ANN,
    '2026-11-24T17:00:00Z',
    '2026-11-25T17:00:00Z',
  );
  post(
    manualPreview(deps, 'C100', ['2001', '2002'], '2026-12-01'),
    ANN,
    '2026-12-01T17:00:00Z',
    '2026-12-01T18:00:00Z',
  );
  post(
    manualPreview(deps, 'C200', ['2003', '2004'], '2026-12-01'),
    BOB,
    '2026-12-02T17:00:00Z',
    '2026-12-07T07:59:59Z',
  );
  deps.at('2026-12-03T17:00:00Z');
  unwrap(reverseRequest(deps, { requestId: first, by: BOSS, reason: 'paid after all' }));
  deps.at('2026-12-03T12:00:00Z');
  submit(deps, manualPreview(deps, 'C300', ['2005'], '2026-12-03'), BOB);
  deps.at('2026-12-06T12:00:00Z');
  const rejected = submit(deps, manualPreview(deps, 'C300', ['2006'], '2026-12-06'), BOB);
  deps.at('2026-12-07T08:00:00Z');
  unwrap(rejectRequest(deps, { requestId: rejected, by: BOSS, reason: 'not yet' }));
  deps.at('2026-12-06T12:00:00Z');
  const run = unwrap(
    previewAutomaticRun(deps, {
      type: 'account-balance',
      value: '100.00',
      olderThan: '2026-12-01',
      customers: { from: 'C400', to: 'C400' },
      period: '2026-12',
      date: '2026-12-06',
    }),
  );
  deps.at('2026-12-06T12:00:00Z');
  const auto = unwrap(
    submitRequest(deps, { ...TEST_REASON, ...run, requester: ANN, account: '7100' }),
  ).requestId;
  deps.at('2026-12-07T08:00:00Z');
  unwrap(approveRequest(deps, { requestId: auto, approver: BOSS }));
  return deps;
}
