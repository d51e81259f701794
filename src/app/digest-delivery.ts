// Weekly digests as outbox deliveries (docs/digest.md, ADR 140). Queuing records the manager's
// week in `digest_sends` (primary key: user, week) and enqueues one `digest_dm` outbox row in
// the same transaction, so a week is queued at most once whatever restarts or second processes
// do. Delivery claims the row with a lease, posts the DM, records its ts, uploads the chart and
// the CSV into its thread, and marks both done; a failure is retried with the outbox back-off.
import {
  getSend,
  insertSend,
  listActiveManagerSubscriptions,
  markSendComplete,
  recordSendMessage,
} from '../db/repos/digest-schedule.ts';
import { enqueueOutbox, setOutboxPayload } from '../db/repos/outbox.ts';
import {
  claimOutboxRow,
  listDueOutboxRowsOfKind,
  markOutboxSent,
  rescheduleOutboxRow,
} from '../db/repos/outbox-delivery.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import type { Digest } from '../domain/digest.ts';
import { formatIsoWeek, parseIsoWeek, recentDigestSlots } from '../domain/digest-week.ts';
import { ok } from '../domain/types.ts';
import { buildDigest } from './build-digest.ts';
import type { AppDeps } from './deps.ts';
import { renderDigestChart } from './digest-chart.ts';
import { digestReportCsv } from './digest-report.ts';
import { toSubscription } from './digest-subscriptions.ts';
import { MAX_STEP_ATTEMPTS, retryDelayMs, STEP_LEASE_MS } from './notification-outbox.ts';
import { inTransaction } from './use-case-tx.ts';

export const DIGEST_OUTBOX_KIND = 'digest_dm';
/** Queued digests become due this far apart, so a few hundred managers do not burst Slack. */
export const DIGEST_SPACING_MS = 1_500;

export interface DigestDelivery {
  readonly outboxId: number;
  readonly userId: string;
  readonly week: string;
  readonly timezone: string;
  readonly attempts: number;
  /** Asked for with `/writeoff digest now`: not the week's scheduled send (ADR 216). */
  readonly onDemand: boolean;
  /** Set once the DM was posted (a retry then only uploads the files). */
  readonly message: { readonly channel: string; readonly ts: string } | null;
}

/**
 * Weeks a pass may still owe a manager: after downtime every missed week goes out, oldest
 * first, but never more than the last four (ADR 215); older ones are for `writeoff digest`.
 */
export const DIGEST_CATCH_UP_WEEKS = 4;

/** Queues every subscribed manager's due weeks not queued before (ADR 215); returns how many. */
export function queueDueDigests(deps: AppDeps): number {
  const result = inTransaction(deps, (tx, nowMs) => {
    const companyZone = getLedgerSettings(tx)?.timezone;
    if (companyZone === undefined) return ok(0);
    let queued = 0;
    for (const row of listActiveManagerSubscriptions(tx)) {
      const sub = toSubscription(row, companyZone);
      const slots = recentDigestSlots(nowMs, sub.effectiveTimezone, sub, DIGEST_CATCH_UP_WEEKS);
      for (const slot of slots) {
        // A manager who subscribes after a week's slot starts with the next week's digest.
        if (slot.atMs < row.activeSinceMs) continue;
        const week = formatIsoWeek(slot.week);
        const key = { userId: sub.userId, week, timezone: sub.effectiveTimezone };
        if (!insertSend(tx, { ...key, queuedAtMs: nowMs })) continue;
        enqueueOutbox(tx, {
          kind: DIGEST_OUTBOX_KIND,
          payload: key,
          dedupeKey: `digest:${sub.userId}:${week}`,
          atMs: nowMs + queued * DIGEST_SPACING_MS,
        });
        queued += 1;
      }
    }
    return ok(queued);
  });
  return result.ok ? result.value : 0;
}

export function listDueDigestDeliveries(deps: AppDeps, limit: number): number[] {
  return deps.store.read((tx) => {
    const nowMs = deps.now().getTime();
    return listDueOutboxRowsOfKind(tx, nowMs, DIGEST_OUTBOX_KIND, limit).map((r) => r.id);
  });
}

/** Takes a due delivery for this worker, or null when another worker holds it or it is done. */
export function claimDigestDelivery(deps: AppDeps, outboxId: number): DigestDelivery | null {
  const result = inTransaction(deps, (tx, nowMs) => {
    const row = claimOutboxRow(tx, outboxId, nowMs, STEP_LEASE_MS);
    if (row === null) return ok(null);
    const userId = String(row.payload.userId);
    const week = String(row.payload.week);
    const onDemand = row.payload.onDemand === true;
    // A scheduled send keeps its DM on the week's row; one on demand in its own payload.
    const posted = onDemand
      ? (row.payload.message as { channel?: string; ts?: string } | undefined)
      : (() => {
          const send = getSend(tx, userId, week);
          return { channel: send?.channel ?? undefined, ts: send?.messageTs ?? undefined };
        })();
    return ok({
      outboxId,
      userId,
      week,
      timezone: String(row.payload.timezone),
      attempts: row.attempts,
      onDemand,
      message: posted?.channel && posted.ts ? { channel: posted.channel, ts: posted.ts } : null,
    });
  });
  return result.ok ? result.value : null;
}

export function recordDigestMessage(
  deps: AppDeps,
  delivery: DigestDelivery,
  message: { readonly channel: string; readonly ts: string },
): void {
  inTransaction(deps, (tx) => {
    if (delivery.onDemand) {
      const { userId, week, timezone } = delivery;
      setOutboxPayload(tx, delivery.outboxId, { userId, week, timezone, onDemand: true, message });
    } else {
      recordSendMessage(tx, delivery, message);
    }
    return ok(true);
  });
}

export function completeDigestDelivery(deps: AppDeps, delivery: DigestDelivery): void {
  inTransaction(deps, (tx, nowMs) => {
    if (!delivery.onDemand) markSendComplete(tx, delivery, nowMs);
    markOutboxSent(tx, delivery.outboxId, nowMs);
    return ok(true);
  });
}

export function failDigestDelivery(deps: AppDeps, delivery: DigestDelivery, error: string): void {
  inTransaction(deps, (tx, nowMs) => {
    rescheduleOutboxRow(tx, delivery.outboxId, {
      nextAtMs: nowMs + retryDelayMs(delivery.attempts),
      error,
      giveUp: delivery.attempts >= MAX_STEP_ATTEMPTS,
    });
    return ok(true);
  });
}

export interface DigestFile {
  readonly filename: string;
  readonly title: string;
  readonly bytes: Uint8Array;
}

/** Where a digest goes out; the composition root passes the Slack implementation. */
export interface DigestNotifier {
  /** Posts the digest as a DM to `to`; returns the DM channel and message ts. */
  postDigest(to: string, digest: Digest): Promise<{ channel: string; ts: string }>;
  /** Shares the files in the thread of the posted digest. */
  uploadDigestFiles(
    message: { readonly channel: string; readonly ts: string },
    files: readonly DigestFile[],
  ): Promise<void>;
}

export interface DigestContent {
  readonly digest: Digest;
  readonly files: readonly DigestFile[];
}

/** The digest of the delivery's week and zone, its chart and its CSV report. */
export async function digestContent(
  deps: AppDeps,
  delivery: Pick<DigestDelivery, 'week' | 'timezone'>,
): Promise<DigestContent> {
  const built = buildDigest(deps, { week: delivery.week, timezone: delivery.timezone });
  if (!built.ok) throw new Error(`digest ${delivery.week}: ${built.error.kind}`);
  const digest = built.value;
  const chart = await renderDigestChart(digest);
  const week = parseIsoWeek(digest.week);
  if (!week.ok) throw new Error(week.error);
  const csv = digestReportCsv(deps, {
    week: week.value,
    timezone: digest.timezone,
    currency: digest.currency,
  });
  const name = `write-offs-${digest.week}`;
  return {
    digest,
    files: [
      {
        filename: `${name}.png`,
        title: `Write-offs ${digest.week}: trend and ages`,
        bytes: chart.png,
      },
      {
        filename: `${name}.csv`,
        title: `Write-offs ${digest.week}: every posted line`,
        bytes: Buffer.from(csv, 'utf8'),
      },
    ],
  };
}
