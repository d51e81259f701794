// A RequestCard built by hand for the pure approval-view builders: pending by default, with a
// posted one for the surfaces that show who posted it.
import type { RequestCard } from '../../src/slack/views/approval-card.ts';

export const card = (over: Partial<RequestCard> = {}): RequestCard => ({
  requestId: 'WO-000001',
  status: 'pending',
  customerText: 'Acme Builders (C100)',
  totalText: '$183.00',
  period: '2026-06',
  date: '2026-06-15',
  modeText: 'Manual (entry)',
  itemCount: 2,
  requester: 'U_CLERK',
  approver: null,
  decidedAtSec: null,
  entryId: null,
  reversalEntryId: null,
  rejectionReason: null,
  note: 'Chapter 7 bankruptcy',
  ...over,
});

export const posted = card({
  status: 'posted',
  approver: 'U_APPROVER',
  decidedAtSec: 1781532000,
  entryId: 7,
});
