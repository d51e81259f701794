// Payment or the ERP catching up (docs/decisions/261-payment-or-erp-catching-up.md), through
// re-imports of the ERP file on a real database: an ERP figure that falls by what we wrote off,
// or an invoice the ERP closes, proposes nothing; only a figure below what was open here is a
// payment, and only what it pays beyond that open amount is recovered.
import { beforeEach, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { recoveriesOf } from '../../src/app/recovery.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { APPROVER, CLERK, manual, seededDeps, TEST_REASON, unwrap } from '../support/app.ts';
import { importFixture, smallArFile } from '../support/db.ts';

let deps: AppDeps;

beforeEach(() => {
  deps = seededDeps();
});

/** Posts a write-off of invoice 1001 (143.00 open), in full or of `amount`. */
function writeOff1001(amount?: string): string {
  const request = manual({
    invoices: [amount === undefined ? { invoice: '1001' } : { invoice: '1001', amount }],
  });
  const { preview, snapshot } = unwrap(previewManualRequest(deps, request));
  const { requestId } = unwrap(
    submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK, method: 'entry' }),
  );
  unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
  return requestId;
}

/** The ERP's next file with invoice 1001 open at `due` (or left out: settled in the ERP). */
function reimport1001(due: string | null): readonly string[] {
  const file = smallArFile();
  if (due === null) {
    file.invoices = file.invoices.filter((i) => i.number !== '1001');
  } else {
    const invoice = file.invoices.find((i) => i.number === '1001');
    if (invoice === undefined) throw new Error('fixture has no invoice 1001');
    invoice.lines = [{ line: 1, description: 'Framing', due, tax: '0.00' }];
  }
  return importFixture(deps.store, file).recoveries ?? [];
}

const proposals = () =>
  recoveriesOf(deps).map((r) => ({ id: r.id, paidMinor: r.paidMinor, amountMinor: r.amountMinor }));

describe('an ERP figure after a posted write-off', () => {
  it('falling by exactly the written-off amount is the ERP catching up, not a payment', () => {
    writeOff1001();
    expect(reimport1001('0.00')).toEqual([]);
    // Then the customer pays 50.00 on the closed invoice: it goes into credit.
    expect(reimport1001('-50.00')).toEqual(['RC-000001']);
    expect(proposals()).toEqual([{ id: 'RC-000001', paidMinor: 5000, amountMinor: 5000 }]);
  });

  it('that no longer lists the invoice (closed by our adjustment) proposes nothing', () => {
    writeOff1001();
    expect(reimport1001(null)).toEqual([]);
    expect(proposals()).toEqual([]);
  });

  it('after a partial write-off: catching up, then paying what was open, recovers nothing', () => {
    writeOff1001('100.00'); // 43.00 stays open.
    expect(reimport1001('43.00')).toEqual([]);
    expect(reimport1001('0.00')).toEqual([]);
    // 20.00 more than was open: that much of the write-off is recovered.
    expect(reimport1001('-20.00')).toEqual(['RC-000001']);
    expect(proposals()).toEqual([{ id: 'RC-000001', paidMinor: 2000, amountMinor: 2000 }]);
  });

  it('paid before the ERP applied the write-off is recovered once the ERP applies it', () => {
    writeOff1001();
    // 50.00 paid, write-off not yet in the ERP: indistinguishable from a partial catch-up.
    expect(reimport1001('93.00')).toEqual([]);
    // The ERP applies the 143.00 write-off: the invoice shows the 50.00 overpaid.
    expect(reimport1001('-50.00')).toEqual(['RC-000001']);
    expect(proposals()).toEqual([{ id: 'RC-000001', paidMinor: 14300, amountMinor: 5000 }]);
    // The same file again proposes nothing more.
    expect(reimport1001('-50.00')).toEqual([]);
  });
});
