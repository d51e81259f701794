// Runs the digest pass on a cron schedule (croner): at start-up, so a week missed while the bot
// was down goes out at once, and then every minute: a manager's chosen hour is met within a
// minute (also in zones with half- and quarter-hour offsets), queued digests (due 1.5 s apart)
// go out about forty a minute, and failed deliveries are retried when their back-off ends. A
// pass with nothing due is two small queries. `protect` keeps passes from overlapping; two processes are kept apart by the database (ADR 140), not by this timer.
import { Cron } from 'croner';
import { type DigestJobDeps, runDigestPass } from './digest-job.ts';

export const DIGEST_CRON = '* * * * *';

export interface RunningDigestScheduler {
  /** A pass now, after the one running (a digest asked for with `/writeoff digest now`). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startDigestScheduler(
  deps: DigestJobDeps & {
    readonly now: () => Date;
    readonly logger: { warn(m: string): void; error(m: string, e?: unknown): void };
  },
): RunningDigestScheduler {
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;
  // Passes run one after another, whether the timer or `runNow` starts them.
  const pass = () => {
    if (stopped) return inFlight;
    inFlight = inFlight
      .then(() => exclusiveDigestPass(deps))
      .then(
        () => undefined,
        (error: unknown) => {
          deps.logger.error('digest: a pass failed; retrying on the next one', error);
        },
      );
    return inFlight;
  };
  const job = new Cron(DIGEST_CRON, { protect: true, unref: true }, pass);
  void pass();
  return {
    runNow: pass,
    async stop() {
      stopped = true;
      job.stop();
      await inFlight;
    },
  };
}

/**
 * One instance at a time sends digests (their pacing holds only if one process sends); another
 * instance's pass is skipped, and the holder's next pass sends what is due
 * (docs/decisions/295-cluster-wide-job-passes.md).
 */
async function exclusiveDigestPass(deps: DigestJobDeps & { readonly now: () => Date }) {
  if (!deps.store.beginExclusive('digest')) return;
  try {
    await runDigestPass(deps, deps.now());
  } finally {
    deps.store.endExclusive('digest');
  }
}
