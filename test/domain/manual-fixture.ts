// The manual write-off tests' ledger (docs/write-off-rules.md#manual-write-off). The customer C100
// has: 1001 (107.00 incl. 7.00 tax), 1002 (two lines, 150.00), 1003 (a -25.00 credit memo), 1004
// (fully paid). C200 owns 2001. `preview` expects success, `errors` expects refusal.
import type { ManualRequest } from '../../src/domain/manual.ts';
import { previewManual } from '../../src/domain/manual.ts';
import type { Invoice, Preview } from '../../src/domain/types.ts';
import { invoice, ledger } from '../support/ledger-fixtures.ts';

const ctx = ledger();
export const INVOICES: Invoice[] = [
  invoice('1001', [[10700, 700]]),
  invoice('1002', [[10000], [5000]]),
  invoice('1003', [[-2500]]),
  invoice('1004', [[0]]),
  invoice('2001', [[999]], { customerId: 'C200' }),
];
export const NONE = new Map<string, string>();

export function request(overrides: Partial<ManualRequest> = {}): ManualRequest {
  return {
    customerId: 'C100',
    period: '2026-06',
    date: '2026-06-15',
    method: 'entry',
    account: '7100',
    comment: 'Chapter 7 bankruptcy',
    invoices: [{ invoice: '1001' }],
    ...overrides,
  };
}

export function preview(req: ManualRequest, pending = NONE, invoices = INVOICES): Preview {
  const result = previewManual(req, ctx, invoices, pending);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

export function errors(req: ManualRequest, pending = NONE, currency = 'USD') {
  const result = previewManual(req, ledger(currency), INVOICES, pending);
  if (result.ok) throw new Error('expected errors');
  return result.error;
}
