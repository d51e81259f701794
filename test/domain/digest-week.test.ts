// The send times a digest pass may still owe (catch-up after downtime, ADR 215): the latest
// slots at or before now, oldest first, each with the week it reports on, across a DST change.
import { describe, expect, it } from 'vitest';
import { latestDigestSlot, recentDigestSlots } from '../../src/domain/digest-week.ts';

const at = (iso: string) => Date.parse(iso);
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
