// Shared by the request workflow tests (submit, approve, reject, cancel): each test starts on a
// freshly seeded database (`seedBeforeEach`), reached as `deps`; `submit` previews and submits a
// manual request there, `pendingLocks` lists the invoices pending requests hold.
import { beforeEach } from 'vitest';
import type { AppDeps } from '../../src/app/deps.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import type { ManualRequest } from '../../src/domain/manual.ts';
import { CLERK, manual, seededDeps, TEST_REASON, unwrap } from '../support/app.ts';
import { sqlColumn } from '../support/backend.ts';

/** This test's deps: reassigned before each test (an ES module binding, so importers see it). */
export let deps: AppDeps;

export function seedBeforeEach(): void {
  beforeEach(() => {
    deps = seededDeps();
  });
}

/** Previews and submits a manual request (Entry method); returns its id. */
export function submit(request: ManualRequest = manual(), requester = CLERK): string {
  const { preview, snapshot } = unwrap(previewManualRequest(deps, request));
  return unwrap(
    submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester, method: 'entry' }),
  ).requestId;
}

/** The invoice numbers pending requests hold. */
export const pendingLocks = () =>
  sqlColumn(deps.store, 'SELECT invoice_number FROM request_invoice_locks ORDER BY 1');
