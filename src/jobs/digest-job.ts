// One pass of the weekly digest (docs/digest.md, ADR 140): queue every manager's due week (at
// most once: a row per manager and week), then deliver due digests one at a time, `paceMs`
// apart, through the notifier port. Takes `now`; the scheduler (digest-scheduler.ts) calls it.
import type { Logger } from '@slack/bolt';
import type { AppDeps } from '../app/deps.ts';
import {
  claimDigestDelivery,
  completeDigestDelivery,
  type DigestContent,
  type DigestDelivery,
  type DigestNotifier,
  digestContent,
  failDigestDelivery,
  listDueDigestDeliveries,
  queueDueDigests,
  recordDigestMessage,
} from '../app/digest-delivery.ts';
import type { Store } from '../db/store.ts';

export interface DigestJobDeps {
  readonly store: Store;
  readonly notifier: DigestNotifier;
  readonly logger: Pick<Logger, 'warn'>;
  /** Pause between two digests (Slack's per-method rate limits); 0 in tests that do not pace. */
  readonly paceMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Most digests one pass delivers; the rest wait for the next pass. */
  readonly maxPerPass?: number;
}

export interface DigestPassReport {
  readonly queued: number;
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
}

export const DIGEST_PACE_MS = 1_200;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runDigestPass(deps: DigestJobDeps, now: Date): Promise<DigestPassReport> {
  const app: AppDeps = { store: deps.store, now: () => now };
  const queued = queueDueDigests(app);
  const paceMs = deps.paceMs ?? DIGEST_PACE_MS;
  const sleep = deps.sleep ?? realSleep;
  let sent = 0;
  let failed = 0;
  let skipped = 0;
  // Managers in one zone share one week's content: build it (and draw its chart) once a pass.
  const contents = new Map<string, Promise<DigestContent>>();
  const contentOf = (d: DigestDelivery) => {
    const key = `${d.week} ${d.timezone}`;
    let content = contents.get(key);
    if (content === undefined) {
      content = digestContent(app, d);
      contents.set(key, content);
    }
    return content;
  };
  for (const id of listDueDigestDeliveries(app, deps.maxPerPass ?? 40)) {
    const delivery = claimDigestDelivery(app, id);
    if (delivery === null) {
      skipped += 1;
      continue;
    }
    if (sent + failed > 0 && paceMs > 0) await sleep(paceMs);
    try {
      await deliver(app, deps.notifier, delivery, await contentOf(delivery));
      sent += 1;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      deps.logger.warn(`digest for ${delivery.userId} ${delivery.week} failed: ${why}`);
      failDigestDelivery(app, delivery, why);
      failed += 1;
    }
  }
  return { queued, sent, failed, skipped };
}

async function deliver(
  app: AppDeps,
  notifier: DigestNotifier,
  delivery: DigestDelivery,
  content: DigestContent,
) {
  let message = delivery.message;
  if (message === null) {
    message = await notifier.postDigest(delivery.userId, content.digest);
    // Recorded at once: a retry after a failed upload must not post the DM again.
    recordDigestMessage(app, delivery, message);
  }
  await notifier.uploadDigestFiles(message, content.files);
  completeDigestDelivery(app, delivery);
}
