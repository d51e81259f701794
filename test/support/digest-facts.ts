// Digest facts built by hand for the digest tests: posted requests and items with defaults
// the test overrides, an empty week, and ISO weeks and instants from text.
import type { DigestFacts, PostedItemFact, PostedRequestFact } from '../../src/domain/digest.ts';
import { parseIsoWeek } from '../../src/domain/digest-week.ts';

export const week = (text: string) => {
  const parsed = parseIsoWeek(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};
export const at = (iso: string) => Date.parse(iso);
export const H = 3_600_000;

export function request(
  id: string,
  totalMinor: number,
  postedAt: string,
  extra: Partial<PostedRequestFact> = {},
): PostedRequestFact {
  return {
    requestId: id,
    requester: 'U0CLERK',
    reasonCode: null,
    totalMinor,
    postedAtMs: at(postedAt),
    writeOffOn: '2026-12-01',
    ...extra,
  };
}

export function item(
  requestId: string,
  amountMinor: number,
  itemOn: string,
  extra: Partial<PostedItemFact> = {},
): PostedItemFact {
  return {
    requestId,
    customerId: 'C100',
    customerName: 'Acme Builders',
    invoice: `INV-${requestId}-${itemOn}`,
    onAccount: null,
    itemOn,
    amountMinor,
    ...extra,
  };
}

export const empty: DigestFacts = {
  currency: 'USD',
  posted: [],
  items: [],
  reversals: [],
  submitted: [],
  decisions: [],
};
