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
      .then(() => runDigestPass(deps, deps.now()))
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
