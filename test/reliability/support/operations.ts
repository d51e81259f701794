// Random ledger operations for the reliability suite: request (manual or automatic), approve,
// reject, cancel, reverse, and re-import. Each runs one use-case with random but mostly valid
// input and returns the outcome's kind ('ok' or the AppError kind). An exception escaping a
// use-case is a bug, so it is NOT caught here: the caller counts it as a failure.

import { customerId } from '../../../scripts/generate-ar-file.ts';
import { approveRequest } from '../../../src/app/approve-request.ts';
import { cancelRequest, rejectRequest } from '../../../src/app/decide-request.ts';
import type { AppDeps } from '../../../src/app/deps.ts';
import { previewAutomaticRun, previewManualRequest } from '../../../src/app/preview-write-off.ts';
import { reverseRequest } from '../../../src/app/reverse-request.ts';
import { submitRequest } from '../../../src/app/submit-request.ts';
import { listOpenInvoices } from '../../../src/db/repos/invoices.ts';
import { databaseOf, txOf } from '../../../src/db/sqlite-store.ts';
import { formatAmount } from '../../../src/domain/money.ts';
import type { Result } from '../../../src/domain/types.ts';
import { TEST_REASON } from '../../support/app.ts';
import {
  APPROVERS,
  CLERKS,
  LIMITED_APPROVER,
  OPEN_PERIOD,
  SMALL_LEDGER,
  WRITE_OFF_DATE,
} from './ledger.ts';

// Deciders include an approver with a small limit, and requesters an approver, so limit and
// "never the requester" refusals happen (ADR 100); the invariants check no posting broke them.
const DECIDERS = [...APPROVERS, LIMITED_APPROVER];
const REQUESTERS = [...CLERKS, APPROVERS[0]];

export type Rng = () => number;
export type OperationName = 'request' | 'approve' | 'reject' | 'cancel' | 'reverse';

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

const kindOf = <T, E extends { kind: string }>(result: Result<T, E>): string =>
  result.ok ? 'ok' : result.error.kind;

function idsWithStatus(deps: AppDeps, status: string): string[] {
  return databaseOf(deps.store)
    .sqlite.prepare('SELECT id FROM write_off_requests WHERE status = ? ORDER BY id DESC LIMIT 50')
    .pluck()
    .all(status) as string[];
}

/** A manual request for 1–3 open invoices of a random customer, full or partial amounts. */
export function requestManual(deps: AppDeps, rng: Rng, customers = SMALL_LEDGER.customers) {
  const customer = customerId(Math.floor(rng() * customers));
  const open = listOpenInvoices(txOf(deps.store), customer);
  if (open.length === 0) return 'no_open_invoices';
  const chosen = [
    ...new Set(Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(rng, open))),
  ];
  const invoices = chosen.map((invoice) => {
    const openMinor = invoice.lines.reduce((sum, l) => sum + l.dueMinor, 0);
    if (rng() < 0.3) return { invoice: invoice.number };
    const part = Math.sign(openMinor) * Math.max(1, Math.floor(Math.abs(openMinor) * rng() * 0.2));
    return { invoice: invoice.number, amount: formatAmount(part, 'USD') };
  });
  const preview = previewManualRequest(deps, {
    customerId: customer,
    period: OPEN_PERIOD,
    date: WRITE_OFF_DATE,
    method: 'entry',
    comment: 'reliability',
    invoices,
  });
  if (!preview.ok) return preview.error.kind;
  const requester = pick(rng, REQUESTERS);
  return kindOf(
    submitRequest(deps, { ...TEST_REASON, ...preview.value, requester, method: 'entry' }),
  );
}

/** A small automatic run over a few customers (invoice balance, FC or account balance). */
export function requestAutomatic(deps: AppDeps, rng: Rng, customers = SMALL_LEDGER.customers) {
  const first = Math.floor(rng() * customers);
  const type = pick(rng, ['invoice-balance', 'finance-charge', 'account-balance'] as const);
  const preview = previewAutomaticRun(deps, {
    type,
    value: type === 'finance-charge' ? '0' : pick(rng, ['25.00', '100.00', '2500.00']),
    olderThan: '2026-03-01',
    customers: { from: customerId(first), to: customerId(first + 2) },
    period: OPEN_PERIOD,
    date: WRITE_OFF_DATE,
  });
  if (!preview.ok) return preview.error.kind;
  const requester = pick(rng, REQUESTERS);
  const { criteria, ...rest } = preview.value;
  return kindOf(
    submitRequest(deps, { ...TEST_REASON, ...rest, requester, reason: 'reliability run' }),
  );
}

export function runOperation(deps: AppDeps, rng: Rng, name: OperationName): string {
  switch (name) {
    case 'request':
      return rng() < 0.8 ? requestManual(deps, rng) : requestAutomatic(deps, rng);
    case 'approve': {
      const id = pick(rng, idsWithStatus(deps, 'pending'));
      if (id === undefined) return 'nothing_pending';
      // Now and then the requester tries, which must be refused.
      const approver = rng() < 0.05 ? pick(rng, CLERKS) : pick(rng, DECIDERS);
      return kindOf(approveRequest(deps, { requestId: id, approver }));
    }
    case 'reject': {
      const id = pick(rng, idsWithStatus(deps, 'pending'));
      if (id === undefined) return 'nothing_pending';
      const reason = rng() < 0.1 ? ' ' : 'Customer disputes the balance';
      return kindOf(rejectRequest(deps, { requestId: id, by: pick(rng, APPROVERS), reason }));
    }
    case 'cancel': {
      const id = pick(rng, [...idsWithStatus(deps, 'pending'), ...idsWithStatus(deps, 'stale')]);
      if (id === undefined) return 'nothing_to_cancel';
      const by = databaseOf(deps.store)
        .sqlite.prepare('SELECT requester FROM write_off_requests WHERE id = ?')
        .pluck()
        .get(id) as string;
      return kindOf(cancelRequest(deps, { requestId: id, by }));
    }
    case 'reverse': {
      const id = pick(rng, idsWithStatus(deps, 'posted'));
      if (id === undefined) return 'nothing_posted';
      const by = pick(rng, DECIDERS);
      return kindOf(reverseRequest(deps, { requestId: id, by, reason: 'Paid after all' }));
    }
  }
}

/** Weighted choice; requests and approvals dominate so the ledger keeps moving. */
export function pickOperation(rng: Rng): OperationName {
  const r = rng();
  if (r < 0.4) return 'request';
  if (r < 0.75) return 'approve';
  if (r < 0.82) return 'reject';
  if (r < 0.87) return 'cancel';
  return 'reverse';
}
