// A small in-memory ledger with one pending request that an approver could post: the target
// of the signature and fuzz suites, where nothing that arrives may ever post it.
import type { AppDeps } from '../../../src/app/deps.ts';
import { previewManualRequest } from '../../../src/app/preview-write-off.ts';
import { submitRequest } from '../../../src/app/submit-request.ts';
import { databaseOf } from '../../../src/db/sqlite-store.ts';
import { seededDeps, TEST_REASON } from '../../support/app.ts';

export const PENDING_CUSTOMER = 'C100';

export function ledgerWithPendingRequest(): { deps: AppDeps; requestId: string } {
  const deps = seededDeps();
  const preview = previewManualRequest(deps, {
    customerId: PENDING_CUSTOMER,
    period: '2026-06',
    date: '2026-06-15',
    method: 'entry',
    invoices: [{ invoice: '1001' }],
  });
  if (!preview.ok) throw new Error(JSON.stringify(preview.error));
  const submitted = submitRequest(deps, { ...TEST_REASON, ...preview.value, requester: 'U_CLERK' });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
  return { deps, requestId: submitted.value.requestId };
}

export function postingCount(deps: AppDeps): number {
  return databaseOf(deps.store)
    .sqlite.prepare('SELECT count(*) FROM journal_entries')
    .pluck()
    .get() as number;
}
