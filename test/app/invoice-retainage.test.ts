// `invoices.retainage_minor` is Σ retainage of the invoice's lines after every write that moves
// lines, in the same transaction (docs/decisions/320-automatic-preview-snapshot-and-invoice-retainage.md):
// first import, re-import of changed lines, settling an invoice the file left out, posting,
// reversal, and a recovery's import and approval. A finance-charge run reads it (ADR 255).
import { beforeEach, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { approveRecovery } from '../../src/app/recovery.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import {
  APPROVER,
  BIG_APPROVER,
  CLERK,
  manual,
  seededDeps,
  TEST_REASON,
  unwrap,
} from '../support/app.ts';
import { sqlAll, sqlValue } from '../support/backend.ts';
import { importFixture, smallArFile } from '../support/db.ts';

let deps: AppDeps;
beforeEach(() => {
  deps = seededDeps();
});

/** Invoices whose kept retainage differs from their lines' sum (none, ever). */
const stale = () =>
  sqlAll(
    deps.store,
    `SELECT i.number, i.retainage_minor AS kept, coalesce(sum(l.retainage_minor), 0) AS lines
     FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_number = i.number
     GROUP BY i.number, i.retainage_minor
     HAVING i.retainage_minor <> coalesce(sum(l.retainage_minor), 0) ORDER BY i.number`,
  );

const retainageOf = (invoice: string) =>
  Number(sqlValue(deps.store, 'SELECT retainage_minor FROM invoices WHERE number = ?', invoice));

/** 1001 in full and 40.00 of 1002 (50.00 retainage of 500.00): part of it is retainage. */
function postManual(): string {
  const { preview, snapshot } = unwrap(previewManualRequest(deps, manual()));
  const { requestId } = unwrap(
    submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK, method: 'entry' }),
  );
  unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
  return requestId;
}

describe('invoices.retainage_minor', () => {
  it('is the lines’ sum after the first import', () => {
    expect(retainageOf('1002')).toBe(5000);
    expect(retainageOf('1001')).toBe(0);
    expect(stale()).toEqual([]);
  });

  it('follows a re-import that changes the lines, and is 0 once the invoice is settled', () => {
    const file = smallArFile();
    const changed = file.invoices.find((i) => i.number === '1002');
    if (changed?.lines[0] === undefined) throw new Error('fixture changed');
    changed.lines[0] = { ...changed.lines[0], retainage: '30.00' };
    changed.lines.push({ line: 2, description: 'Gutters', due: '80.00', retainage: '12.00' });
    importFixture(deps.store, file);
    expect(retainageOf('1002')).toBe(4200);
    expect(stale()).toEqual([]);

    file.invoices = file.invoices.filter((i) => i.number !== '1002');
    importFixture(deps.store, file);
    expect(retainageOf('1002')).toBe(0);
    expect(stale()).toEqual([]);
  });

  it('moves with a posting and comes back with its reversal', () => {
    const requestId = postManual();
    const afterPosting = retainageOf('1002');
    expect(afterPosting).toBeGreaterThan(0);
    expect(afterPosting).toBeLessThan(5000);
    expect(stale()).toEqual([]);

    unwrap(reverseRequest(deps, { requestId, by: BIG_APPROVER, reason: 'Paid after all' }));
    expect(retainageOf('1002')).toBe(5000);
    expect(stale()).toEqual([]);
  });

  it('stays the lines’ sum through a recovery (re-import after a payment, then approval)', () => {
    postManual();
    const file = smallArFile();
    const paid = file.invoices.find((i) => i.number === '1001');
    if (paid === undefined) throw new Error('fixture changed');
    paid.lines = paid.lines.map((l) => ({
      line: l.line,
      description: 'Work',
      due: l.line === 1 ? '-50.00' : '0.00',
    }));
    const { recoveries = [] } = importFixture(deps.store, file);
    expect(recoveries).toEqual(['RC-000001']);
    expect(stale()).toEqual([]);
    unwrap(approveRecovery(deps, { recoveryId: 'RC-000001', by: BIG_APPROVER }));
    expect(stale()).toEqual([]);
  });
});
