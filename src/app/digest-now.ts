// `/writeoff digest now [YYYY-Www]`: a manager asks for a digest at once — by default the last
// complete week in their zone (docs/digest.md, ADR 216). It is queued as a `digest_dm` outbox
// row like a scheduled one and delivered by the same job, but marked on demand: it is not the
// week's scheduled send (that one still goes out once, at its slot) and may be asked again.
import { appendAudit } from '../db/repos/audit.ts';
import { getSubscription } from '../db/repos/digest-schedule.ts';
import { enqueueOutbox } from '../db/repos/outbox.ts';
import { hasRole } from '../db/repos/roles.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import {
  dateInZone,
  formatIsoWeek,
  isoWeekOf,
  lastWeek,
  parseIsoWeek,
} from '../domain/digest-week.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps, AppError } from './deps.ts';
import { DIGEST_OUTBOX_KIND } from './digest-delivery.ts';
import { toSubscription } from './digest-subscriptions.ts';
import { inTransaction } from './use-case-tx.ts';

export interface DigestNowInput {
  readonly userId: string;
  /** `2026-W49`; default: the last complete week in the manager's zone. */
  readonly week?: string;
  /** `tz` of the user's Slack profile, for managers without a subscription. */
  readonly profileTimezone?: string;
}

export interface QueuedDigest {
  readonly week: string;
  readonly timezone: string;
}

export function requestDigestNow(
  deps: AppDeps,
  input: DigestNowInput,
): Result<QueuedDigest, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    if (!hasRole(tx, input.userId, 'manager')) {
      return err({
        kind: 'not_allowed',
        userId: input.userId,
        action: 'get the weekly digest (managers only; ask an admin for the manager role)',
      });
    }
    const settings = getLedgerSettings(tx);
    if (settings === null) return err({ kind: 'no_ledger' });
    const row = getSubscription(tx, input.userId);
    const timezone =
      row === null
        ? (input.profileTimezone ?? settings.timezone)
        : toSubscription(row, settings.timezone).effectiveTimezone;
    const week = chosenWeek(input.week, nowMs, timezone);
    if (!week.ok) return week;
    const payload = { userId: input.userId, week: week.value, timezone, onDemand: true };
    enqueueOutbox(tx, {
      kind: DIGEST_OUTBOX_KIND,
      payload,
      dedupeKey: `digest-now:${input.userId}:${week.value}:${nowMs}`,
      atMs: nowMs,
    });
    appendAudit(tx, {
      atMs: nowMs,
      actor: input.userId,
      action: 'digest_requested',
      details: { week: week.value, timezone },
    });
    return ok({ week: week.value, timezone });
  });
}

// Any week up to the current one (so far); a week that has not begun has nothing to show.
function chosenWeek(
  text: string | undefined,
  nowMs: number,
  zone: string,
): Result<string, AppError> {
  if (text === undefined) return ok(formatIsoWeek(lastWeek(nowMs, zone)));
  const parsed = parseIsoWeek(text.trim());
  if (!parsed.ok) return err({ kind: 'invalid_input', field: 'week', message: parsed.error });
  const current = isoWeekOf(dateInZone(nowMs, zone));
  const later =
    parsed.value.year > current.year ||
    (parsed.value.year === current.year && parsed.value.week > current.week);
  if (later) {
    return err({
      kind: 'invalid_input',
      field: 'week',
      message: `${text.trim()} has not begun yet (this week is ${formatIsoWeek(current)})`,
    });
  }
  return ok(formatIsoWeek(parsed.value));
}
