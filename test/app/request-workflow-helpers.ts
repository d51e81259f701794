// Shared by the request workflow tests (submit, approve, reject, cancel): a manual request
// submitted through preview and submit, and the invoice locks pending requests hold.
import type { AppDeps } from '../../src/app/deps.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import type { ManualRequest } from '../../src/domain/manual.ts';
import { CLERK, manual, TEST_REASON, unwrap } from '../support/app.ts';

/** Previews and submits a manual request (Entry method); returns its id. */
export function submitManual(
  deps: AppDeps,
  request: ManualRequest = manual(),
  requester = CLERK,
): string {
  const { preview, snapshot } = unwrap(previewManualRequest(deps, request));
  return unwrap(
    submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester, method: 'entry' }),
  ).requestId;
}

/** The invoice numbers pending requests hold. */
export const pendingLocks = (deps: AppDeps) =>
  deps.database.sqlite.prepare('SELECT invoice_number FROM request_invoice_locks').pluck().all();
