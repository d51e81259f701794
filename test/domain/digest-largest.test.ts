// The digest's largest items, picked in one pass, are exactly the first five of the full
// ordering (magnitude descending, then request and item id), whatever the amounts and ties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDigest, type PostedItemFact } from '../../src/domain/digest.ts';
import { weekBounds } from '../../src/domain/digest-week.ts';

const WEEK = { year: 2026, week: 49 };
const ZONE = 'UTC';
const startMs = weekBounds(WEEK, ZONE).startMs;

const item = fc.record({
  request: fc.integer({ min: 1, max: 4 }),
  invoice: fc.integer({ min: 1, max: 30 }),
  onAccount: fc.boolean(),
  amountMinor: fc.integer({ min: -50, max: 50 }),
});

describe('largest items', () => {
  it('equal the first five of the full sort', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (raw) => {
        const items: PostedItemFact[] = raw.map((r) => ({
          requestId: `WO-00000${r.request}`,
          customerId: 'C1',
          customerName: 'One',
          invoice: r.onAccount ? null : `I${r.invoice}`,
          onAccount: r.onAccount ? `OA${r.invoice}` : null,
          itemOn: '2026-11-01',
          amountMinor: r.amountMinor,
        }));
        const posted = [1, 2, 3, 4].map((n) => ({
          requestId: `WO-00000${n}`,
          requester: 'U1',
          reasonCode: null,
          totalMinor: 0,
          postedAtMs: startMs + n,
          writeOffOn: '2026-12-01',
        }));
        const facts = {
          currency: 'USD',
          posted,
          items,
          reversals: [],
          submitted: [],
          decisions: [],
        };
        const digest = buildDigest({ week: WEEK, timezone: ZONE }, facts);
        const key = (i: PostedItemFact) => i.invoice ?? i.onAccount ?? '';
        const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
        const expected = [...items]
          .sort(
            (a, b) =>
              Math.abs(b.amountMinor) - Math.abs(a.amountMinor) ||
              cmp(a.requestId, b.requestId) ||
              cmp(key(a), key(b)),
          )
          .slice(0, 5)
          .map((i) => [i.requestId, key(i), i.amountMinor]);
        const got = digest.largest.map((i) => [i.request, i.invoice ?? i.onAccount, i.totalMinor]);
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
