// ISO weeks (`2026-W49`) and where they start and end in a time zone. A digest week runs from
// Monday 00:00 to the next Monday 00:00 in the reader's zone, so its length is 167, 168 or 169
// hours around a daylight-saving change (docs/digest.md). Pure: the zone rules come from Intl
// through @date-fns/tz, nothing reads the clock.
import { TZDate } from '@date-fns/tz';
import { getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';
import { addDays } from './dates.ts';
import type { IsoDate, Result } from './types.ts';
import { err, ok } from './types.ts';

export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

export interface WeekBounds {
  readonly week: IsoWeek;
  /** Monday, as a calendar date. */
  readonly fromDate: IsoDate;
  /** Sunday, as a calendar date. */
  readonly toDate: IsoDate;
  /** Monday 00:00 in the zone, inclusive. */
  readonly startMs: number;
  /** The next Monday 00:00 in the zone, exclusive. */
  readonly endMs: number;
}

const WEEK_TEXT = /^(\d{4})-W(\d{2})$/;

export function formatIsoWeek(week: IsoWeek): string {
  return `${week.year}-W${String(week.week).padStart(2, '0')}`;
}

function utcDate(date: IsoDate): TZDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 'UTC');
}

function isoText(date: TZDate): IsoDate {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

/** The ISO week a calendar date belongs to (2027-01-01 is in 2026-W53). */
export function isoWeekOf(date: IsoDate): IsoWeek {
  const day = utcDate(date);
  return { year: getISOWeekYear(day), week: getISOWeek(day) };
}

/** Monday of an ISO week: the week of 4 January is week 1. */
export function mondayOf(week: IsoWeek): IsoDate {
  const firstMonday = isoText(startOfISOWeek(utcDate(`${week.year}-01-04`)));
  return addDays(firstMonday, (week.week - 1) * 7);
}

export function parseIsoWeek(text: string): Result<IsoWeek, string> {
  const match = WEEK_TEXT.exec(text);
  const problem = `"${text}" is not an ISO week like 2026-W49`;
  if (match === null) return err(problem);
  const week = { year: Number(match[1]), week: Number(match[2]) };
  if (week.week < 1) return err(problem);
  // Week 53 exists only in long years: its Monday must still belong to that year's weeks.
  const back = isoWeekOf(mondayOf(week));
  if (back.year !== week.year || back.week !== week.week) {
    return err(`${text} does not exist: ${week.year} has no week ${week.week}`);
  }
  return ok(week);
}

/** `weeks` ISO weeks later (negative goes back). */
export function shiftWeek(week: IsoWeek, weeks: number): IsoWeek {
  return isoWeekOf(addDays(mondayOf(week), weeks * 7));
}

/** Midnight at the start of a calendar date in a zone, as epoch milliseconds. */
export function startOfDayMs(date: IsoDate, timezone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 0, 0, 0, 0, timezone).getTime();
}

export function weekBounds(week: IsoWeek, timezone: string): WeekBounds {
  const fromDate = mondayOf(week);
  return {
    week,
    fromDate,
    toDate: addDays(fromDate, 6),
    startMs: startOfDayMs(fromDate, timezone),
    endMs: startOfDayMs(addDays(fromDate, 7), timezone),
  };
}

/** The calendar date of an instant in a zone. */
export function dateInZone(atMs: number, timezone: string): IsoDate {
  return isoText(new TZDate(atMs, timezone));
}

/** The week before the one `now` falls in, in the zone: what a digest sent now is about. */
export function lastWeek(nowMs: number, timezone: string): IsoWeek {
  return shiftWeek(isoWeekOf(dateInZone(nowMs, timezone)), -1);
}

/** True when Intl knows the zone (`Europe/Berlin`, `UTC`); typos are errors, not UTC. */
export function isTimeZone(timezone: string): boolean {
  if (timezone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
