// App Home's digest section for managers who subscribed: when the weekly digest arrives, with
// a day, an hour and a time zone to pick (docs/digest.md). Pure.
import type { types } from '@slack/bolt';
import type { DigestSubscription } from '../../app/digest-subscriptions.ts';
import { context, divider, escapeMrkdwn, plainText, section } from '../blocks.ts';
import { ids } from '../ids.ts';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

function option(text: string, value: string): types.PlainTextOption {
  return { text: plainText(text), value };
}

/** The zone option that goes back to the Slack profile's zone. */
export const PROFILE_ZONE_VALUE = 'profile';
const PROFILE_ZONE_TEXT = 'My Slack profile’s zone';
/** Slack lists at most 100 options; one is the profile's. */
const MAX_ZONE_OPTIONS = 99;

/** Options for the zone type-ahead: the profile's zone, then the zones matching `query`. */
export function timeZoneOptions(query: string, zones: (q: string, n: number) => string[]) {
  const q = query.trim().toLowerCase();
  const profile = q === '' || PROFILE_ZONE_TEXT.toLowerCase().includes(q) || q === 'profile';
  return [
    ...(profile ? [option(PROFILE_ZONE_TEXT, PROFILE_ZONE_VALUE)] : []),
    ...zones(query, MAX_ZONE_OPTIONS).map((z) => option(z, z)),
  ];
}

function zoneNote(sub: DigestSubscription): string {
  return sub.timezone === null
    ? 'Time zone: your Slack profile’s (or the company’s); pick another above.'
    : 'Time zone: chosen here; pick “My Slack profile’s zone” to follow your profile again.';
}

export function digestHomeBlocks(sub: DigestSubscription | null): types.KnownBlock[] {
  if (sub === null || !sub.active) return [];
  const day = WEEKDAYS[sub.weekday - 1] ?? 'Monday';
  const weekdays = WEEKDAYS.map((d, i) => option(d, String(i + 1)));
  const hours = Array.from({ length: 24 }, (_, h) => option(hourLabel(h), String(h)));
  return [
    divider(),
    section(
      `*Weekly digest*: ${day}s at ${hourLabel(sub.hour)} (${escapeMrkdwn(sub.effectiveTimezone)}), about the week before.`,
      ids.home.digestBlock,
    ),
    {
      type: 'actions',
      block_id: ids.home.digestScheduleBlock,
      elements: [
        {
          type: 'static_select',
          action_id: ids.home.digestWeekdayAction,
          placeholder: plainText('Day'),
          options: weekdays,
          initial_option: option(day, String(sub.weekday)),
        },
        {
          type: 'static_select',
          action_id: ids.home.digestHourAction,
          placeholder: plainText('Hour'),
          options: hours,
          initial_option: option(hourLabel(sub.hour), String(sub.hour)),
        },
        {
          type: 'external_select',
          action_id: ids.home.digestTimezoneAction,
          placeholder: plainText('Time zone'),
          min_query_length: 0,
          initial_option:
            sub.timezone === null
              ? option(PROFILE_ZONE_TEXT, PROFILE_ZONE_VALUE)
              : option(sub.timezone, sub.timezone),
        },
      ],
    },
    context([`\`/writeoff digest off\` stops it. ${zoneNote(sub)}`]),
  ];
}
