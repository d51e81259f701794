// Calendar-date helpers on ISO `YYYY-MM-DD` text. Pure arithmetic on the proleptic Gregorian
// calendar through Date.UTC: no clock, no time zone (the caller has already turned "today" in
// the company time zone into a date).
import type { IsoDate } from './types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = new Date(Date.UTC(year, month - 1, day));
  return (
    time.getUTCFullYear() === year && time.getUTCMonth() === month - 1 && time.getUTCDate() === day
  );
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!isIsoDate(date)) throw new Error(`addDays: ${date} is not an ISO date`);
  if (!Number.isSafeInteger(days)) throw new Error(`addDays: ${days} is not a whole number`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * "Older than N days" as the exclusive older-than date: invoices dated strictly before
 * `date − N days` qualify, so an invoice exactly N days old is not yet older than N days.
 */
export function olderThanFromDays(date: IsoDate, days: number): IsoDate {
  if (days < 0) throw new Error(`olderThanFromDays: ${days} is negative`);
  return addDays(date, -days);
}
