// The states of a write-off request (docs/write-off-rules.md#approval), in the order a request
// moves through them; the database's check constraint lists the same values.
export const REQUEST_STATUSES = [
  'draft',
  'pending',
  'approved',
  'posted',
  'rejected',
  'stale',
  'cancelled',
  'reversed',
] as const;

export type RequestStatus = (typeof REQUEST_STATUSES)[number];
