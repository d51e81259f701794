// `writeoff digest subscribe|unsubscribe|subscriptions`: operators switch managers' weekly
// digests on and off without Slack (docs/digest.md), e.g. when rolling the bot out to a team.
// The same use-case as `/writeoff digest on|off`; the CLI acts as `system:cli`, audited.
import type { Command } from 'commander';
import {
  type DigestSubscription,
  listDigestSubscriptions,
  setDigestSubscription,
} from '../app/digest-subscriptions.ts';
import { type CliIo, dbPath, fail, failWith, openExisting, withDatabase } from './context.ts';

const ACTOR = 'system:cli';
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

interface SubscribeOptions {
  day?: string;
  hour?: string;
  tz?: string;
  db?: string;
}

export function registerDigestSubscriptions(digest: Command, io: CliIo): void {
  digest
    .command('subscribe')
    .description("switch a manager's weekly digest on, optionally with day, hour and zone")
    .argument('<user>', 'Slack user id of a manager')
    .option('--day <day>', 'mon … sun (default: as before, else mon)')
    .option('--hour <hour>', '0-23 in the zone (default: as before, else 8)')
    .option('--tz <zone>', 'IANA zone; "profile" goes back to the Slack profile\'s')
    .option('--db <path>', 'database file')
    .action((userId: string, _options: SubscribeOptions, command: Command) => {
      // `--db` may be parsed by `digest` itself: read the options of both.
      const options = command.optsWithGlobals<SubscribeOptions>();
      const schedule = parseSchedule(userId, options);
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const deps = { store, now: io.now };
        const result = setDigestSubscription(deps, { userId, on: true, by: ACTOR, schedule });
        if (!result.ok) failWith(result.error, 'USD');
        io.stdout(`Weekly digest on for ${userId}: ${describe(result.value)}.\n`);
      });
    });
  digest
    .command('unsubscribe')
    .description("switch a manager's weekly digest off (the schedule is kept)")
    .argument('<user>', 'Slack user id')
    .option('--db <path>', 'database file')
    .action((userId: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<{ db?: string }>();
      checkUserId(userId);
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const deps = { store, now: io.now };
        const result = setDigestSubscription(deps, { userId, on: false, by: ACTOR });
        if (!result.ok) failWith(result.error, 'USD');
        io.stdout(`Weekly digest off for ${userId}.\n`);
      });
    });
  digest
    .command('subscriptions')
    .description('list managers with a weekly digest, on or off')
    .option('--db <path>', 'database file')
    .action((_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<{ db?: string }>();
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const subs = listDigestSubscriptions({ store, now: io.now });
        if (subs.length === 0) io.stdout('No digest subscriptions.\n');
        for (const s of subs) {
          io.stdout(`${s.userId.padEnd(12)} ${s.active ? 'on ' : 'off'}  ${describe(s)}\n`);
        }
      });
    });
}

function describe(s: DigestSubscription): string {
  const zone = s.timezone === null ? `${s.effectiveTimezone}, profile or company` : s.timezone;
  return `${DAYS[s.weekday - 1]} ${String(s.hour).padStart(2, '0')}:00 (${zone})`;
}

function checkUserId(userId: string): void {
  if (!SLACK_USER_ID.test(userId)) {
    fail(`user: "${userId}" is not a Slack user id like U0123ABCD`);
  }
}

function parseSchedule(userId: string, options: SubscribeOptions) {
  checkUserId(userId);
  const day = options.day?.trim().toLowerCase().slice(0, 3);
  const weekday = day === undefined ? undefined : DAYS.indexOf(day as (typeof DAYS)[number]) + 1;
  if (weekday === 0) fail(`--day: "${options.day}" is not a weekday (mon, tue, … sun)`);
  const hour = options.hour === undefined ? undefined : Number(options.hour);
  if (hour !== undefined && !/^\d{1,2}$/.test(options.hour ?? '')) {
    fail(`--hour: "${options.hour}" is not an hour 0 to 23`);
  }
  // "profile" clears a chosen zone: the Slack profile's (or the company's) applies again.
  const timezone = options.tz === 'profile' ? '' : options.tz;
  return {
    ...(weekday !== undefined && { weekday }),
    ...(hour !== undefined && { hour }),
    ...(timezone !== undefined && { timezone }),
  };
}
