import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import {
  ageBucket,
  buildDigest,
  type DigestFacts,
  type PostedItemFact,
  type PostedRequestFact,
} from '../../src/domain/digest.ts';
import { digestToJson } from '../../src/domain/digest-json.ts';
import {
  isoWeekOf,
  lastWeek,
  latestDigestSlot,
  parseIsoWeek,
  startOfDayMs,
  weekBounds,
} from '../../src/domain/digest-week.ts';

const week = (text: string) => {
  const parsed = parseIsoWeek(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};
const at = (iso: string) => Date.parse(iso);
const H = 3_600_000;

function request(
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

function item(
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

const empty: DigestFacts = {
  currency: 'USD',
  posted: [],
  items: [],
  reversals: [],
  submitted: [],
  decisions: [],
};

describe('ISO weeks in a zone', () => {
  it('parses weeks and refuses the ones that do not exist', () => {
    expect(parseIsoWeek('2026-W53')).toEqual({ ok: true, value: { year: 2026, week: 53 } });
    expect(parseIsoWeek('2027-W53')).toEqual({
      ok: false,
      error: '2027-W53 does not exist: 2027 has no week 53',
    });
    expect(parseIsoWeek('2026-49').ok).toBe(false);
    expect(parseIsoWeek('2026-W00').ok).toBe(false);
    expect(isoWeekOf('2027-01-01')).toEqual({ year: 2026, week: 53 });
  });

  it('starts the week at Monday 00:00 of the zone, east and west of UTC', () => {
    const auckland = weekBounds(week('2026-W49'), 'Pacific/Auckland');
    expect(new Date(auckland.startMs).toISOString()).toBe('2026-11-29T11:00:00.000Z');
    const la = weekBounds(week('2026-W49'), 'America/Los_Angeles');
    expect(new Date(la.startMs).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect([la.fromDate, la.toDate]).toEqual(['2026-11-30', '2026-12-06']);
  });

  it('is 169 hours when the clocks go back and 167 when they go forward', () => {
    const fallBack = weekBounds(week('2026-W44'), 'America/Los_Angeles');
    expect((fallBack.endMs - fallBack.startMs) / H).toBe(169);
    const springForward = weekBounds(week('2026-W39'), 'Pacific/Auckland');
    expect((springForward.endMs - springForward.startMs) / H).toBe(167);
  });

  it('midnight matches TZDate in zones with DST at midnight, half hours and none', () => {
    for (const zone of [
      'America/Santiago',
      'America/Havana',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Auckland',
    ]) {
      for (let day = 0; day < 730; day += 1) {
        const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        expect(startOfDayMs(date, zone), `${zone} ${date}`).toBe(
          new TZDate(y, m - 1, d, zone).getTime(),
        );
      }
    }
  });

  it('last week is the week before the one now falls in, in the zone', () => {
    // Monday 00:30 in Auckland is still Sunday in UTC.
    expect(lastWeek(at('2026-11-29T11:30:00Z'), 'Pacific/Auckland')).toEqual({
      year: 2026,
      week: 48,
    });
    expect(lastWeek(at('2026-11-29T11:30:00Z'), 'UTC')).toEqual({ year: 2026, week: 47 });
  });
});

describe('the send slot', () => {
  it('is the latest weekday and hour at or before now, reporting on the week before it', () => {
    const monday8 = { weekday: 1, hour: 8 };
    const la = 'America/Los_Angeles';
    expect(latestDigestSlot(at('2026-12-07T15:59:59Z'), la, monday8)).toEqual({
      atMs: at('2026-11-30T16:00:00Z'),
      week: { year: 2026, week: 48 },
    });
    expect(latestDigestSlot(at('2026-12-07T16:00:00Z'), la, monday8)).toEqual({
      atMs: at('2026-12-07T16:00:00Z'),
      week: { year: 2026, week: 49 },
    });
    // Sunday 20:00 in Auckland, the week after the clocks went forward.
    expect(
      latestDigestSlot(at('2026-10-04T07:59:00Z'), 'Pacific/Auckland', { weekday: 7, hour: 21 }),
    ).toEqual({
      atMs: at('2026-09-27T08:00:00Z'),
      week: { year: 2026, week: 38 },
    });
  });
});

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

  it('reports the 8-week trend, the change, reversals and net', () => {
    const posted = [
      request('WO-1', 300, '2026-10-12T10:00:00Z'), // W42, the oldest trend week
      request('WO-2', 500, '2026-11-24T10:00:00Z'), // W48
      request('WO-3', 800, '2026-12-01T10:00:00Z'), // W49
      request('WO-4', 999, '2026-10-05T10:00:00Z'), // W41: outside the trend
    ];
    const reversals = [
      { requestId: 'WO-2', totalMinor: 500, atMs: at('2026-12-02T10:00:00Z') },
      { requestId: 'WO-3', totalMinor: 800, atMs: at('2026-12-08T10:00:00Z') }, // next week
    ];
    const d = buildDigest(
      { week: week('2026-W49'), timezone: 'UTC' },
      { ...empty, posted, reversals },
    );
    expect(d.trend.map((t) => t.week)).toEqual([
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
      '2026-W48',
      '2026-W49',
    ]);
    expect(d.trend.map((t) => t.totalMinor)).toEqual([300, 0, 0, 0, 0, 0, 500, 800]);
    expect(d.changeFromPreviousWeekMinor).toBe(300);
    expect(d.reversed).toEqual({ count: 1, totalMinor: 500 });
    expect(d.netMinor).toBe(300);
    const next = buildDigest(
      { week: week('2026-W50'), timezone: 'UTC' },
      { ...empty, posted, reversals },
    );
    expect(next.reversed).toEqual({ count: 1, totalMinor: 800 });
    expect(next.netMinor).toBe(-800);
    expect(next.changeFromPreviousWeekMinor).toBe(-800);
  });

  it('lists requests pending past the SLA at the end of the week, oldest first', () => {
    const end = at('2026-12-07T00:00:00Z');
    const sub = (
      requestId: string,
      submittedAtMs: number,
      leftPendingAtMs: number | null = null,
    ) => ({
      requestId,
      totalMinor: 5_000,
      submittedAtMs,
      leftPendingAtMs,
      thread: { channel: 'C0APPROVALS', ts: '1.000001' },
    });
    const submitted = [
      sub('WO-5', end - 48 * H), // exactly the SLA: not past it
      sub('WO-6', end - 48 * H - 1000),
      sub('WO-7', end - 100 * H),
      sub('WO-8', end - 100 * H, end - 1), // decided before the end
      sub('WO-9', end - 100 * H, end + 1), // decided after the end: still pending then
    ];
    const decisions = [
      { requestId: 'WO-8', kind: 'rejected' as const, atMs: end - 1 },
      { requestId: 'WO-9', kind: 'stale' as const, atMs: end + 1 },
    ];
    const d = buildDigest(
      { week: week('2026-W49'), timezone: 'UTC' },
      { ...empty, submitted, decisions },
    );
    expect(d.pendingPastSla.map((p) => p.request)).toEqual(['WO-7', 'WO-9', 'WO-6']);
    expect([d.rejected, d.stale]).toEqual([1, 0]);
    const json = digestToJson(d) as { pendingPastSla: unknown[] };
    expect(json.pendingPastSla[0]).toEqual({
      request: 'WO-7',
      total: '50.00',
      submittedAt: '2026-12-02T20:00:00Z',
    });
  });

  it('prints the JSON shape of the command line', () => {
    const posted = [request('WO-3', 100_000, '2026-12-01T10:00:00Z')];
    const items = [item('WO-3', 100_000, '2026-03-01', { invoice: '1001' })];
    const d = buildDigest(
      { week: week('2026-W49'), timezone: 'Europe/Berlin' },
      { ...empty, posted, items },
    );
    const json = digestToJson(d);
    expect(Object.keys(json)).toEqual([
      'week',
      'timezone',
      'from',
      'to',
      'currency',
      'posted',
      'reversed',
      'net',
      'byReason',
      'byClerk',
      'byCustomer',
      'byAge',
      'trend',
      'changeFromPreviousWeek',
      'pendingPastSla',
      'rejected',
      'stale',
      'largest',
    ]);
    expect(json).toMatchObject({
      week: '2026-W49',
      from: '2026-11-30',
      to: '2026-12-06',
      posted: { total: '1000.00', requests: 1, items: 1 },
      reversed: { count: 0, total: '0.00' },
      net: '1000.00',
      byReason: [{ reason: 'none', total: '1000.00', requests: 1 }],
      byAge: [
        { bucket: '0-90', total: '0.00' },
        { bucket: '91-180', total: '0.00' },
        { bucket: '181-365', total: '1000.00' },
        { bucket: '366+', total: '0.00' },
      ],
      largest: [{ request: 'WO-3', customer: 'C100', invoice: '1001', total: '1000.00' }],
    });
  });
});
