// The weekly digest for a week and a zone (docs/digest.md). Read-only: one deferred read
// transaction, so the numbers come from one snapshot even while approvals post.
import {
  listDecisions,
  listPendingAt,
  listPostedRequests,
  listReversals,
  summarizePostedItems,
} from '../db/repos/digest.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import { type Digest, buildDigest as digestOf, digestWindow } from '../domain/digest.ts';
import {
  type IsoWeek,
  isTimeZone,
  lastWeek,
  parseIsoWeek,
  weekBounds,
} from '../domain/digest-week.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { slaMsInForce } from './reminders.ts';

export interface DigestRequest {
  /** `2026-W49`; default: the week before the one `now` falls in, in the zone. */
  readonly week?: string;
  /** IANA zone; default: the company time zone of the ledger. */
  readonly timezone?: string;
  readonly slaMs?: number;
}

export function buildDigest(deps: AppDeps, input: DigestRequest): Result<Digest, AppError> {
  return deps.store.read((tx) => {
    const settings = getLedgerSettings(tx);
    if (settings === null) return err({ kind: 'no_ledger' } as const);
    const timezone = input.timezone ?? settings.timezone;
    if (!isTimeZone(timezone)) {
      return err({
        kind: 'invalid_input',
        field: 'tz',
        message: `"${timezone}" is not a time zone like Europe/Berlin`,
      } as const);
    }
    const nowMs = deps.now().getTime();
    const week = resolveWeek(input.week, nowMs, timezone);
    if (!week.ok) return week;
    const window = digestWindow(week.value, timezone);
    const bounds = weekBounds(week.value, timezone);
    // A week still running (`/writeoff digest now` for this week) is judged as of now: pending
    // past the SLA means waiting longer than the SLA today, not by the week's end. The domain
    // measures at the week's end, so the SLA is lengthened by the time left until then.
    const slaMs = (input.slaMs ?? slaMsInForce(tx)) + Math.max(0, bounds.endMs - nowMs);
    const digest = digestOf(
      { week: week.value, timezone, slaMs },
      {
        currency: settings.currency,
        posted: listPostedRequests(tx, window),
        items: [],
        itemSummary: summarizePostedItems(tx, bounds),
        reversals: listReversals(tx, bounds),
        submitted: listPendingAt(tx, bounds.endMs),
        decisions: listDecisions(tx, bounds),
      },
    );
    return ok(digest);
  });
}

function resolveWeek(
  text: string | undefined,
  nowMs: number,
  timezone: string,
): Result<IsoWeek, AppError> {
  if (text === undefined) return ok(lastWeek(nowMs, timezone));
  const parsed = parseIsoWeek(text);
  return parsed.ok ? parsed : err({ kind: 'invalid_input', field: 'week', message: parsed.error });
}
