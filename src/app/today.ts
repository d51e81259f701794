// "Today" in the company time zone (docs/write-off-rules.md#dates-and-periods: the write-off date
// defaults to today there). The clock is passed in; nothing here reads it.
import type { IsoDate } from '../domain/types.ts';

// Building an Intl.DateTimeFormat costs far more than formatting with one, and every
// `/writeoff` asks for today: keep one formatter per zone (there is one zone per ledger).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

export function todayIn(timezone: string, now: Date): IsoDate {
  return formatterFor(timezone).format(now);
}
