// The weekly digest settings as Slack changes them, one use-case per interaction:
// `/writeoff digest [on|off|now]` (the state, switch it, or the digest of a week at once) and the day / hour picked in App Home
// (the tab is published again from the same transaction).

import type { AppError } from '../domain/request-errors.ts';
import type { Result } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { type QueuedDigest, requestDigestNow } from './digest-now.ts';
import {
  type DigestSubscription,
  getDigestSubscription,
  type ScheduleInput,
  setDigestSchedule,
  setDigestSubscription,
} from './digest-subscriptions.ts';
import { type HomeData, type HomeQuery, loadHome } from './home-overview.ts';
import { inOneTransaction } from './use-case-tx.ts';

export type DigestCommandOutcome =
  /** Neither on nor off: the current state. */
  | { readonly kind: 'state'; readonly subscription: DigestSubscription | null }
  | { readonly kind: 'switched'; readonly result: Result<DigestSubscription, AppError> }
  | { readonly kind: 'queued'; readonly result: Result<QueuedDigest, AppError> };

/** On, off, the digest of a week at once (`now`), or neither: show the state. */
export type DigestCommand =
  | { readonly kind: 'state' }
  | { readonly kind: 'switch'; readonly on: boolean }
  | { readonly kind: 'now'; readonly week?: string };

export function digestCommand(
  deps: AppDeps,
  input: {
    readonly userId: string;
    readonly command: DigestCommand;
    /** `tz` of the user's Slack profile (users.info), when known. */
    readonly profileTimezone?: string;
  },
): DigestCommandOutcome {
  const { userId, command, profileTimezone } = input;
  const zone = profileTimezone === undefined ? {} : { profileTimezone };
  switch (command.kind) {
    case 'state':
      return { kind: 'state', subscription: getDigestSubscription(deps, userId) };
    case 'switch':
      return {
        kind: 'switched',
        result: setDigestSubscription(deps, { userId, on: command.on, ...zone }),
      };
    case 'now': {
      const week = command.week === undefined ? {} : { week: command.week };
      return { kind: 'queued', result: requestDigestNow(deps, { userId, ...week, ...zone }) };
    }
  }
}

/** A day or hour picked in App Home; a refusal changes nothing and is only logged. */
export function scheduleFromHome(
  deps: AppDeps,
  input: ScheduleInput,
  home: HomeQuery,
): { readonly result: Result<DigestSubscription, AppError>; readonly home: HomeData } {
  return inOneTransaction(deps, () => ({
    result: setDigestSchedule(deps, input),
    home: loadHome(deps, home),
  }));
}
