// The weekly digest from its facts: which week a posting falls in, at the zone's boundaries and
// across DST, and the breakdowns (reason, clerk, customer, age) that add up to the posted total.
// The trend and SLA list are in digest-trend.test.ts, the JSON shape in digest-json.test.ts.
import { describe, expect, it } from 'vitest';
import { ageBucket, buildDigest } from '../../src/domain/digest.ts';
import { empty, item, request, week } from '../support/digest-facts.ts';

describe('week boundary: Sunday 23:59:59 belongs to the week, Monday 00:00:00 to the next', () => {
  for (const [zone, sundayLate, mondayMidnight] of [
    ['Pacific/Auckland', '2026-12-06T10:59:59Z', '2026-12-06T11:00:00Z'],
    ['America/Los_Angeles', '2026-12-07T07:59:59Z', '2026-12-07T08:00:00Z'],
  ] as const) {
    it(zone, () => {
      const facts = {
        ...empty,
        posted: [request('WO-1', 100, sundayLate), request('WO-2', 200, mondayMidnight)],
      };
      const w49 = buildDigest({ week: week('2026-W49'), timezone: zone }, facts);
      const w50 = buildDigest({ week: week('2026-W50'), timezone: zone }, facts);
      expect(w49.posted.totalMinor).toBe(100);
      expect(w50.posted.totalMinor).toBe(200);
    });
  }

  it('a DST week keeps its 25th hour (Los Angeles, clocks back on 1 November)', () => {
    // Sunday 1 Nov 23:30 PST = 2 Nov 07:30 UTC: inside W44 only because the week is 169 h.
    const facts = { ...empty, posted: [request('WO-1', 700, '2026-11-02T07:30:00Z')] };
    const w44 = buildDigest({ week: week('2026-W44'), timezone: 'America/Los_Angeles' }, facts);
    expect(w44.posted.totalMinor).toBe(700);
    expect(w44.from).toBe('2026-10-26');
  });
});

describe('the digest content', () => {
  it('adds every breakdown up to the posted total', () => {
    const posted = [
      request('WO-1', 10_000, '2026-12-01T10:00:00Z', {
        requester: 'U0ANN',
        reasonCode: 'bankruptcy',
      }),
      request('WO-2', 5_000, '2026-12-02T10:00:00Z', { requester: 'U0BOB' }),
      request('WO-3', -1_000, '2026-12-03T10:00:00Z', { requester: 'U0BOB' }),
    ];
    const items = [
      item('WO-1', 6_000, '2026-09-02'),
      item('WO-1', 4_000, '2025-01-01', { customerId: 'C200', customerName: 'Zed' }),
      item('WO-2', 5_000, '2026-11-01', { customerId: 'C200', customerName: 'Zed' }),
      item('WO-3', -1_000, '2026-06-01', { invoice: null, onAccount: 'P-9' }),
    ];
    const d = buildDigest({ week: week('2026-W49'), timezone: 'UTC' }, { ...empty, posted, items });
    const total = d.posted.totalMinor;
    expect(total).toBe(14_000);
    expect(d.posted).toEqual({ totalMinor: 14_000, requests: 3, items: 4 });
    for (const breakdown of [d.byReason, d.byClerk, d.byCustomer, d.byAge]) {
      expect(breakdown.reduce((s, b) => s + b.totalMinor, 0)).toBe(total);
    }
    expect(d.byReason.map((r) => r.reason)).toEqual(['bankruptcy', 'none']);
    expect(d.byClerk).toEqual([
      { user: 'U0ANN', totalMinor: 10_000, requests: 1 },
      { user: 'U0BOB', totalMinor: 4_000, requests: 2 },
    ]);
    expect(d.byCustomer.map((c) => [c.customer, c.totalMinor])).toEqual([
      ['C200', 9_000],
      ['C100', 5_000],
    ]);
    expect(d.largest.map((i) => [i.request, i.totalMinor])).toEqual([
      ['WO-1', 6_000],
      ['WO-2', 5_000],
      ['WO-1', 4_000],
      ['WO-3', -1_000],
    ]);
  });

  it('buckets ages at 90/91 and 365/366 days (on-account items by their own date)', () => {
    expect([0, 90, 91, 180, 181, 365, 366, -3].map(ageBucket)).toEqual([
      '0-90',
      '0-90',
      '91-180',
      '91-180',
      '181-365',
      '181-365',
      '366+',
      '0-90',
    ]);
    const posted = [request('WO-1', 1111, '2026-12-01T10:00:00Z', { writeOffOn: '2026-12-01' })];
    const items = [
      item('WO-1', 1, '2026-09-02'), // 90 days
      item('WO-1', 10, '2026-09-01'), // 91 days
      item('WO-1', 100, '2025-12-01'), // 365 days
      item('WO-1', 1000, '2025-11-30', { invoice: null, onAccount: 'P-1' }), // 366 days
    ];
    const d = buildDigest({ week: week('2026-W49'), timezone: 'UTC' }, { ...empty, posted, items });
    expect(d.byAge).toEqual([
      { bucket: '0-90', totalMinor: 1 },
      { bucket: '91-180', totalMinor: 10 },
      { bucket: '181-365', totalMinor: 100 },
      { bucket: '366+', totalMinor: 1000 },
    ]);
  });

  it('keeps the top 10 customers and sums the rest as other', () => {
    const items = Array.from({ length: 13 }, (_, n) =>
      item('WO-1', (n + 1) * 100, '2026-11-01', {
        customerId: `C${100 + n}`,
        customerName: `N${n}`,
      }),
    );
    const total = items.reduce((s, i) => s + i.amountMinor, 0);
    const facts = { ...empty, posted: [request('WO-1', total, '2026-12-01T10:00:00Z')], items };
    const d = buildDigest({ week: week('2026-W49'), timezone: 'UTC' }, facts);
    expect(d.byCustomer).toHaveLength(11);
    expect(d.byCustomer[0]).toEqual({ customer: 'C112', name: 'N12', totalMinor: 1300 });
    expect(d.byCustomer[10]).toEqual({
      customer: 'other',
      name: '3 other customers',
      totalMinor: 600,
    });
    expect(d.byCustomer.reduce((s, c) => s + c.totalMinor, 0)).toBe(total);
  });
});
