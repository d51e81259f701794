// Managers switch their weekly digest on and off and choose when it arrives (docs/digest.md).
// Only holders of the manager role may subscribe. The Slack layer passes the zone from the
// user's Slack profile; a zone the manager chose wins over it.
import { appendAudit } from '../db/repos/audit.ts';
import {
  getSubscription,
  listSubscriptions,
  type SubscriptionRow,
  upsertSubscription,
} from '../db/repos/digest-schedule.ts';
import { hasRole } from '../db/repos/roles.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import { isTimeZone } from '../domain/digest-week.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { inTransaction } from './use-case-tx.ts';

export const DEFAULT_DIGEST_WEEKDAY = 1;
export const DEFAULT_DIGEST_HOUR = 8;

export interface DigestSubscription {
  readonly userId: string;
  readonly active: boolean;
  readonly weekday: number;
  readonly hour: number;
  /** The zone chosen by the manager, if any. */
  readonly timezone: string | null;
  /** The zone the digest is sent in: chosen, else the Slack profile's, else the company's. */
  readonly effectiveTimezone: string;
}

export function toSubscription(row: SubscriptionRow, companyZone: string): DigestSubscription {
  return {
    userId: row.userId,
    active: row.active,
    weekday: row.weekday,
    hour: row.hour,
    timezone: row.timezone,
    effectiveTimezone: row.timezone ?? validZone(row.profileTimezone) ?? companyZone,
  };
}

function validZone(zone: string | null): string | null {
  return zone !== null && isTimeZone(zone) ? zone : null;
}

export function getDigestSubscription(deps: AppDeps, userId: string): DigestSubscription | null {
  return deps.store.read((tx) => {
    const row = getSubscription(tx, userId);
    return row === null ? null : toSubscription(row, getLedgerSettings(tx)?.timezone ?? 'UTC');
  });
}

/** Every manager who ever subscribed, with the zone each digest goes out in. */
export function listDigestSubscriptions(deps: AppDeps): DigestSubscription[] {
  return deps.store.read((tx) => {
    const companyZone = getLedgerSettings(tx)?.timezone ?? 'UTC';
    return listSubscriptions(tx).map((row) => toSubscription(row, companyZone));
  });
}

export interface SubscribeInput {
  readonly userId: string;
  readonly on: boolean;
  /** `tz` of the user's Slack profile (users.info), when known. */
  readonly profileTimezone?: string;
  /** Who switches it (the CLI: `system:cli`); default: the manager themself. */
  readonly by?: string;
  /** A schedule to set with it (the CLI); what is not given stays as it was. */
  readonly schedule?: Omit<ScheduleInput, 'userId'>;
}

export function setDigestSubscription(
  deps: AppDeps,
  input: SubscribeInput,
): Result<DigestSubscription, AppError> {
  const problem = checkSchedule({ userId: input.userId, ...input.schedule });
  if (problem !== undefined) return err(problem);
  return inTransaction(deps, (tx, nowMs) => {
    if (input.on && !hasRole(tx, input.userId, 'manager')) {
      return err({
        kind: 'not_allowed',
        userId: input.userId,
        action: 'subscribe to the weekly digest (managers only; ask an admin for the manager role)',
      });
    }
    const current = getSubscription(tx, input.userId);
    const chosenZone = input.schedule?.timezone;
    const row: SubscriptionRow = {
      userId: input.userId,
      active: input.on,
      weekday: input.schedule?.weekday ?? current?.weekday ?? DEFAULT_DIGEST_WEEKDAY,
      hour: input.schedule?.hour ?? current?.hour ?? DEFAULT_DIGEST_HOUR,
      timezone: chosenZone === undefined ? (current?.timezone ?? null) : chosenZone.trim() || null,
      profileTimezone: input.profileTimezone ?? current?.profileTimezone ?? null,
      activeSinceMs:
        input.on && current?.active !== true ? nowMs : (current?.activeSinceMs ?? nowMs),
      updatedAtMs: nowMs,
    };
    upsertSubscription(tx, row);
    appendAudit(tx, {
      atMs: nowMs,
      actor: input.by ?? input.userId,
      action: input.on ? 'digest_subscribed' : 'digest_unsubscribed',
      details: { user: input.userId, weekday: row.weekday, hour: row.hour, timezone: row.timezone },
    });
    return ok(toSubscription(row, getLedgerSettings(tx)?.timezone ?? 'UTC'));
  });
}

export interface ScheduleInput {
  readonly userId: string;
  readonly weekday?: number;
  readonly hour?: number;
  /** A zone to use instead of the Slack profile's; empty text goes back to the profile's. */
  readonly timezone?: string;
}

export function setDigestSchedule(
  deps: AppDeps,
  input: ScheduleInput,
): Result<DigestSubscription, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const current = getSubscription(tx, input.userId);
    if (current === null) {
      return err({
        kind: 'invalid_input',
        field: 'digest',
        message: 'switch the digest on first with `/writeoff digest on`',
      });
    }
    const problem = checkSchedule(input);
    if (problem !== undefined) return err(problem);
    const zone = input.timezone === undefined ? current.timezone : input.timezone.trim() || null;
    const row = {
      ...current,
      weekday: input.weekday ?? current.weekday,
      hour: input.hour ?? current.hour,
      timezone: zone,
      updatedAtMs: nowMs,
    };
    upsertSubscription(tx, row);
    return ok(toSubscription(row, getLedgerSettings(tx)?.timezone ?? 'UTC'));
  });
}

function checkSchedule(input: ScheduleInput): AppError | undefined {
  const bad = (field: string, message: string): AppError => ({
    kind: 'invalid_input',
    field,
    message,
  });
  if (
    input.weekday !== undefined &&
    !(Number.isInteger(input.weekday) && input.weekday >= 1 && input.weekday <= 7)
  ) {
    return bad('weekday', `${input.weekday} is not a weekday 1 (Monday) to 7 (Sunday)`);
  }
  if (
    input.hour !== undefined &&
    !(Number.isInteger(input.hour) && input.hour >= 0 && input.hour <= 23)
  ) {
    return bad('hour', `${input.hour} is not an hour 0 to 23`);
  }
  const zone = input.timezone?.trim();
  if (zone !== undefined && zone !== '' && !isTimeZone(zone)) {
    return bad('timezone', `"${zone}" is not a time zone like Europe/Berlin`);
  }
  return undefined;
}
