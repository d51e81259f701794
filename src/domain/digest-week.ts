// ISO weeks (`2026-W49`) and where they start and end in a time zone. A digest week runs from
// Monday 00:00 to the next Monday 00:00 in the reader's zone, so its length is 167, 168 or 169
// hours around a daylight-saving change (docs/digest.md). Pure: the zone rules come from Intl
// through @date-fns/tz, nothing reads the clock.
import { TZDate, tzOffset } from '@date-fns/tz';
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

const MS_PER_DAY = 86_400_000;

function utcMs(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** Monday = 0 … Sunday = 6. */
const mondayIndex = (ms: number) => (new Date(ms).getUTCDay() + 6) % 7;

function isoText(date: TZDate): IsoDate {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

// Plain calendar arithmetic (the week's Thursday decides its year): this runs for every trend
// week of every digest, and date-fns on zoned dates is some hundred times slower.
/** The ISO week a calendar date belongs to (2027-01-01 is in 2026-W53). */
export function isoWeekOf(date: IsoDate): IsoWeek {
  const ms = utcMs(date);
  const thursday = ms + (3 - mondayIndex(ms)) * MS_PER_DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / MS_PER_DAY / 7);
  return { year, week };
}

/** Monday of an ISO week: the week of 4 January is week 1. */
export function mondayOf(week: IsoWeek): IsoDate {
  const jan4 = Date.UTC(week.year, 0, 4);
  const monday = jan4 - mondayIndex(jan4) * MS_PER_DAY + (week.week - 1) * 7 * MS_PER_DAY;
  return new Date(monday).toISOString().slice(0, 10);
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
  return wallClockMs(date, 0, timezone);
}

/**
 * The instant a wall-clock time (date, whole hour) has in a zone. A time the clocks pass twice
 * (fall-back) is its first instant; a time they skip (spring-forward, in some zones at
 * midnight) becomes the first instant after the gap, as TZDate does.
 */
function wallClockMs(date: IsoDate, hour: number, timezone: string): number {
  const naive = utcMs(date) + hour * 3_600_000;
  const offsetAt = (ms: number) => tzOffset(timezone, new Date(ms)) * 60_000;
  const first = naive - offsetAt(naive);
  const second = naive - offsetAt(first);
  if (first === second) return first;
  const holds = (ms: number) => naive - offsetAt(ms) === ms;
  if (holds(first) && holds(second)) return Math.min(first, second);
  if (holds(first)) return first;
  if (holds(second)) return second;
  return Math.max(first, second);
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

export interface DigestSlot {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** Hour of the day, 0–23, in the zone. */
  readonly hour: number;
}

function slotIn(week: IsoWeek, timezone: string, slot: DigestSlot): number {
  return wallClockMs(addDays(mondayOf(week), slot.weekday - 1), slot.hour, timezone);
}

/**
 * The latest send time at or before `nowMs` (that weekday and hour in the zone) and the week it
 * reports on: the ISO week before the one the send time falls in.
 */
export function latestDigestSlot(
  nowMs: number,
  timezone: string,
  slot: DigestSlot,
): { readonly atMs: number; readonly week: IsoWeek } {
  const thisWeek = isoWeekOf(dateInZone(nowMs, timezone));
  const current = slotIn(thisWeek, timezone, slot);
  if (current <= nowMs) return { atMs: current, week: shiftWeek(thisWeek, -1) };
  const previous = shiftWeek(thisWeek, -1);
  return { atMs: slotIn(previous, timezone, slot), week: shiftWeek(previous, -1) };
}

/**
 * The `count` latest send times at or before `nowMs`, oldest first, each with the week it
 * reports on (what a bot that was down may still owe, ADR 215).
 */
export function recentDigestSlots(
  nowMs: number,
  timezone: string,
  slot: DigestSlot,
  count: number,
): { readonly atMs: number; readonly week: IsoWeek }[] {
  const latest = latestDigestSlot(nowMs, timezone, slot);
  const slots = [latest];
  for (let back = 1; back < count; back += 1) {
    const week = shiftWeek(latest.week, -back);
    slots.unshift({ atMs: slotIn(shiftWeek(week, 1), timezone, slot), week });
  }
  return slots;
}
