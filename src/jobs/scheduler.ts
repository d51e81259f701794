// The only place in src/jobs that knows about timers: runs the SLA reminder pass and the outbox
// worker every few seconds, one pass at a time (the next pass is scheduled when the last one
// ends, so passes never overlap), until stopped. Failures are logged and the next pass tries again.
import { type OutboxWorkerDeps, runOutboxWorker } from './outbox-worker.ts';
import { runReminderPass } from './reminder-job.ts';

export const OUTBOX_INTERVAL_MS = 15_000;

export interface RunningScheduler {
  /** Stops scheduling and waits for a pass in flight. */
  stop(): Promise<void>;
}

export function startOutboxScheduler(
  deps: OutboxWorkerDeps & { readonly now: () => Date },
  options: { readonly intervalMs?: number } = {},
): RunningScheduler {
  const intervalMs = options.intervalMs ?? OUTBOX_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const pass = async (): Promise<void> => {
    const startedAt = Date.now();
    try {
      // Reminders due by now are queued first, so this pass already delivers them (ADR 227).
      const reminders = await runReminderPass(deps, deps.now());
      const report = await runOutboxWorker(deps, deps.now());
      // One event per run; quiet runs (nothing due) only at debug level.
      const queued = reminders.reminded.length + reminders.escalated.length;
      const busy = queued + report.expanded + report.completed + report.deferred > 0;
      const fields = {
        event: 'job.run',
        job: 'outbox',
        ms: Date.now() - startedAt,
        ...report,
        reminded: reminders.reminded.length,
        escalated: reminders.escalated.length,
      };
      if (busy) deps.logger.info(fields);
      else deps.logger.debug(fields);
    } catch (error) {
      deps.logger.error('outbox: a worker pass failed; retrying on the next one', error);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = pass().finally(schedule);
    }, intervalMs);
    // The scheduler alone never keeps the process alive.
    timer.unref();
  };
  // A first pass at once sends what queued up while the bot was down.
  inFlight = pass().finally(schedule);
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await inFlight;
    },
  };
}
