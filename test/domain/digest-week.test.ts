// ISO weeks in a zone (parsing, bounds across DST, local midnight) and the send times a digest
// pass may still owe (catch-up after downtime, ADR 215): the latest slots at or before now,
// oldest first, each with the week it reports on, across a DST change.
import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import {
  isoWeekOf,
  lastWeek,
  latestDigestSlot,
  parseIsoWeek,
  recentDigestSlots,
  startOfDayMs,
  weekBounds,
} from '../../src/domain/digest-week.ts';
import { at, H, week } from '../support/digest-facts.ts';

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
const monday8 = { weekday: 1, hour: 8 };

describe('recentDigestSlots', () => {
  it('lists the last slots oldest first, at 08:00 local on both sides of the change', () => {
    // Los Angeles leaves daylight time on Sunday 1 November 2026.
    const slots = recentDigestSlots(at('2026-11-10T00:00:00Z'), 'America/Los_Angeles', monday8, 3);
    expect(slots).toEqual([
      { atMs: at('2026-10-26T15:00:00Z'), week: { year: 2026, week: 43 } },
      { atMs: at('2026-11-02T16:00:00Z'), week: { year: 2026, week: 44 } },
      { atMs: at('2026-11-09T16:00:00Z'), week: { year: 2026, week: 45 } },
    ]);
  });

  it('ends with the latest slot, east of UTC and across a year end', () => {
    const now = at('2027-01-04T00:00:00Z'); // Monday 13:00 in Auckland
    const zone = 'Pacific/Auckland';
    const slots = recentDigestSlots(now, zone, monday8, 4);
    expect(slots.at(-1)).toEqual(latestDigestSlot(now, zone, monday8));
    expect(slots.map((s) => s.week)).toEqual([
      { year: 2026, week: 50 },
      { year: 2026, week: 51 },
      { year: 2026, week: 52 },
      { year: 2026, week: 53 },
    ]);
    expect(slots[0]?.atMs).toBe(at('2026-12-13T19:00:00Z')); // Monday 14 Dec 08:00 NZDT
  });
});
