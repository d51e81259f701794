// A RequestView built by hand for the pure approval-message builders: one pending automatic
// run whose items the test chooses, with hostile text in the customer name and comment.
import type { RequestView } from '../../src/app/request-views.ts';
import type { WriteOffItem } from '../../src/domain/types.ts';

export function viewWith(items: WriteOffItem[]): RequestView {
  const totalMinor = items.reduce((t, i) => t + i.totalMinor, 0);
  return {
    id: 'WO-000042',
    status: 'pending',
    mode: 'invoice-balance',
    customerId: null,
    period: '2026-06',
    date: '2026-06-15',
    currency: 'USD',
    totalMinor,
    requester: 'U_CLERK',
    approver: null,
    createdAt: new Date(0),
    decidedAt: null,
    method: null,
    account: '7100',
    comment: 'Small balances <b>&',
    reason: null,
    rejectionReason: null,
    criteria: null,
    customers: [{ id: 'C1', name: 'Acme <script> & Co' }],
    items,
    journal: [
      { account: '7100', debitMinor: totalMinor, creditMinor: 0 },
      { account: '1200', debitMinor: 0, creditMinor: totalMinor },
    ],
    grossMinor: totalMinor,
    previewHash: 'h',
    postedEntryId: null,
    reversalEntryId: null,
    controls: {
      reasonCode: 'small_balance',
      reasonLabel: 'Small balance',
      evidence: null,
      evidenceFromMinor: 10_000,
      policyVersion: 'p000000000000',
      decidedPolicyVersion: null,
      revises: [],
      revisedBy: null,
    },
    slack: null,
  };
}

export const invoice = (n: number): WriteOffItem => ({
  kind: 'invoice',
  customerId: 'C1',
  invoice: `INV-${n}`,
  totalMinor: 100 + n,
  lines: [
    {
      line: 1,
      amountMinor: 100 + n,
      taxMinor: 0,
      retainageMinor: 0,
      financeChargeMinor: 0,
      account: '7100',
    },
  ],
});
