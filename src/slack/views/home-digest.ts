// App Home's digest section for managers who subscribed: when the weekly digest arrives, with
// a day and an hour to pick (docs/digest.md). Pure.
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
      ],
    },
    context(['`/writeoff digest off` stops it. The time zone is your Slack profile’s.']),
  ];
}
