// The digest over a ledger seeded through the real use-cases at chosen instants (see
// test/support/digest-ledger.ts for the story), in America/Los_Angeles.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/app/build-digest.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import type { Digest } from '../../src/domain/digest.ts';
import { digestToJson } from '../../src/domain/digest-json.ts';
import { unwrap, unwrapErr } from '../support/app.ts';
import { createTestStore } from '../support/backend.ts';
import { ANN, BOB, DIGEST_ZONE, seedDigestWeeks } from '../support/digest-ledger.ts';

let deps: AppDeps;
let w49: Digest;

beforeAll(() => {
  deps = seedDigestWeeks(createTestStore());
  w49 = unwrap(buildDigest(deps, { week: '2026-W49' }));
});

const sumOf = (rows: readonly { totalMinor: number }[]) =>
  rows.reduce((s, r) => s + r.totalMinor, 0);

describe('buildDigest over seeded weeks (America/Los_Angeles)', () => {
  it('counts what was posted in the week, up to Sunday 23:59:59 local', () => {
    expect(w49.timezone).toBe(DIGEST_ZONE);
    expect([w49.from, w49.to]).toEqual(['2026-11-30', '2026-12-06']);
    expect(w49.posted).toEqual({ totalMinor: 100_000, requests: 2, items: 4 });
  });

  it('adds every breakdown up to the posted total', () => {
    for (const breakdown of [w49.byReason, w49.byClerk, w49.byCustomer, w49.byAge]) {
      expect(sumOf(breakdown)).toBe(w49.posted.totalMinor);
    }
    expect(w49.byReason).toEqual([{ reason: 'uncollectible', totalMinor: 100_000, requests: 2 }]);
    expect(w49.byClerk).toEqual([
      { user: BOB, totalMinor: 70_000, requests: 1 },
      { user: ANN, totalMinor: 30_000, requests: 1 },
    ]);
    expect(w49.byCustomer).toEqual([
      { customer: 'C200', name: 'Bolt & Nut Supply', totalMinor: 70_000 },
      { customer: 'C100', name: 'Acme Builders', totalMinor: 30_000 },
    ]);
  });

  it('buckets invoice ages at 90/91 and 365/366 days on the write-off date', () => {
    expect(w49.byAge).toEqual([
      { bucket: '0-90', totalMinor: 10_000 },
      { bucket: '91-180', totalMinor: 20_000 },
      { bucket: '181-365', totalMinor: 30_000 },
      { bucket: '366+', totalMinor: 40_000 },
    ]);
  });

  it('reports a reversal in the week it was posted, not the week of the write-off', () => {
    expect(w49.reversed).toEqual({ count: 1, totalMinor: 100_000 });
    expect(w49.netMinor).toBe(0);
    const w48 = unwrap(buildDigest(deps, { week: '2026-W48' }));
    expect(w48.posted.totalMinor).toBe(100_000);
    expect(w48.reversed.count).toBe(0);
  });

  it('shows the 8-week trend and the change from the previous week', () => {
    expect(w49.trend.map((t) => t.week)).toEqual([
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
      '2026-W48',
      '2026-W49',
    ]);
    expect(w49.trend.map((t) => t.totalMinor)).toEqual([0, 0, 0, 0, 0, 0, 100_000, 100_000]);
    expect(w49.changeFromPreviousWeekMinor).toBe(0);
  });

  it('lists what was still pending past the 48-hour SLA at the end of the week', () => {
    expect(w49.pendingPastSla).toEqual([
      {
        request: 'WO-000004',
        totalMinor: 5_000,
        submittedAtMs: Date.parse('2026-12-03T12:00:00Z'),
        thread: null,
      },
    ]);
    // A rejection at Monday 00:00:00 local belongs to the next week.
    expect([w49.rejected, w49.stale]).toEqual([0, 0]);
    expect(w49.largest.map((i) => [i.request, i.invoice, i.totalMinor])).toEqual([
      ['WO-000003', '2004', 40_000],
      ['WO-000003', '2003', 30_000],
      ['WO-000002', '2002', 20_000],
      ['WO-000002', '2001', 10_000],
    ]);
  });

  it('judges a week still running as of now: past the SLA means waiting 48 hours by now', () => {
    const asOf = (iso: string) =>
      unwrap(buildDigest({ ...deps, now: () => new Date(iso) }, { week: '2026-W49' }));
    // WO-000004 was submitted Thursday 3 December 12:00 UTC.
    expect(asOf('2026-12-05T11:59:59Z').pendingPastSla).toEqual([]);
    expect(asOf('2026-12-05T12:00:01Z').pendingPastSla.map((p) => p.request)).toEqual([
      'WO-000004',
    ]);
  });

  it('puts Monday 00:00:00 local into the next week, with on-account items by their date', () => {
    const w50 = unwrap(buildDigest(deps, { week: '2026-W50' }));
    expect(w50.posted).toEqual({ totalMinor: 2_000, requests: 1, items: 2 });
    expect(w50.rejected).toBe(1);
    expect(w50.byAge).toEqual([
      { bucket: '0-90', totalMinor: -1_000 },
      { bucket: '91-180', totalMinor: 0 },
      { bucket: '181-365', totalMinor: 3_000 },
      { bucket: '366+', totalMinor: 0 },
    ]);
    expect(digestToJson(w50).largest).toEqual([
      { request: 'WO-000006', customer: 'C400', invoice: '2008', total: '30.00' },
      { request: 'WO-000006', customer: 'C400', onAccount: 'P-1', total: '-10.00' },
    ]);
  });

  it('the same instants fall into other weeks in another zone', () => {
    // Sunday 23:59:59 in Los Angeles is Monday 20:59:59 in Auckland: W50 there.
    const auckland = unwrap(buildDigest(deps, { week: '2026-W49', timezone: 'Pacific/Auckland' }));
    expect(auckland.posted.totalMinor).toBe(30_000);
  });

  it('defaults to last week in the zone and refuses bad input by field', () => {
    const monday = { ...deps, now: () => new Date('2026-12-07T16:00:00Z') };
    expect(unwrap(buildDigest(monday, {})).week).toBe('2026-W49');
    expect(unwrapErr(buildDigest(deps, { week: '2026-W54' }))).toMatchObject({ field: 'week' });
    expect(unwrapErr(buildDigest(deps, { timezone: 'Mars/Base' }))).toMatchObject({ field: 'tz' });
  });
});
