import { afterAll, describe, expect, it } from 'vitest';
import { approveRequest } from '../../../src/app/approve-request.ts';
import type { AppDeps } from '../../../src/app/deps.ts';
import { importArFile } from '../../../src/app/import-ar-file.ts';
import { previewManualRequest } from '../../../src/app/preview-write-off.ts';
import { grantRole, setApproverLimit } from '../../../src/app/roles.ts';
import { submitRequest } from '../../../src/app/submit-request.ts';
import { pgAutocommitTx } from '../../../src/db/pg-store.ts';
import { getJournalEntryByReference, getPostings } from '../../../src/db/repos/journal.ts';
import { getRequest } from '../../../src/db/repos/requests.ts';
import { APPROVER, CLERK, manual, TEST_REASON, unwrap } from '../../support/app.ts';
import { NOW_MS, smallArFile } from '../../support/db.ts';
import { openPgTestStore } from '../../support/pg-store.ts';

describe('the use-cases on PostgreSQL through the bridge (PGlite)', () => {
  const store = openPgTestStore('pglite');
  const deps: AppDeps = { store, now: () => new Date(NOW_MS) };
  afterAll(() => store.close());

  it('imports, submits, approves and posts once', () => {
    unwrap(importArFile(store, smallArFile(), NOW_MS));
    const by = 'system:test';
    unwrap(grantRole(deps, { by, userId: APPROVER, role: 'approver' }));
    unwrap(setApproverLimit(deps, { by, userId: APPROVER, currency: 'USD', amount: '1000.00' }));
    const preview = unwrap(previewManualRequest(deps, manual()));
    const { requestId } = unwrap(
      submitRequest(deps, { ...TEST_REASON, ...preview, requester: CLERK }),
    );
    const posted = unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
    expect(posted.status).toBe('posted');
    const again = approveRequest(deps, { requestId, approver: APPROVER });
    expect(again.ok).toBe(false);
    const tx = pgAutocommitTx(store);
    expect(getRequest(tx, requestId)?.status).toBe('posted');
    const entry = getJournalEntryByReference(tx, `write-off:${requestId}`);
    expect(entry?.id).toBe(posted.entryId);
    const postings = getPostings(tx, posted.entryId);
    const net = postings.reduce((sum, p) => sum + p.debitMinor - p.creditMinor, 0);
    expect(net).toBe(0);
  });
});
