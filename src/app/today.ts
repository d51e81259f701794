// "Today" in the company time zone (SPEC §1: the write-off date defaults to today there).
// The clock is passed in; nothing here reads it.
import type { IsoDate } from '../domain/types.ts';

export function todayIn(timezone: string, now: Date): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
