// The notification outbox worker (ADR 051, ADR 111). One call = one pass: expand due events into
// steps, then claim and perform each due step once through the Notifier port. It takes `now`
// and keeps no timers; the scheduler (scheduler.ts) and the listeners (right after their
// use-case commits, through `requestNotifications`) call it. It never imports src/slack: the
// composition root hands it the Slack notifier.
import type { Logger } from '@slack/bolt';
import type { AppDeps } from '../app/deps.ts';
import {
  claimStep,
  completeStep,
  type DueStep,
  expandDueEvents,
  failStep,
  listDueSteps,
  outboxWorkDue,
  recordAnnouncedParent,
  recordAnnouncedReply,
  releaseStep,
  type Step,
  type StepAction,
} from '../app/notification-outbox.ts';
import type { Notifier, RequestNotifications, StepOutcome } from '../app/notifier.ts';
import { getRequestThread, getRequestView, type RequestView } from '../app/request-views.ts';
import { whenUnlocked } from '../app/use-case-tx.ts';
import type { Store } from '../db/store.ts';

export interface OutboxWorkerDeps {
  readonly store: Store;
  readonly notifier: Notifier;
  readonly logger: Logger;
  /** WRITEOFF_ADMINS, told about escalations alongside the admin role holders. */
  readonly admins: readonly string[];
}

export interface OutboxRunReport {
  /** Events turned into steps. */
  readonly expanded: number;
  /** Steps finished (sent, or nothing left to send). */
  readonly completed: number;
  /** Steps that failed or could not run yet; they stay queued with a later next_at. */
  readonly deferred: number;
  /** Due steps another worker held. */
  readonly skipped: number;
}

type StepResult = 'completed' | 'deferred' | 'skipped';

const NOTHING_DONE: OutboxRunReport = { expanded: 0, completed: 0, deferred: 0, skipped: 0 };

export async function runOutboxWorker(
  deps: OutboxWorkerDeps,
  now: Date,
  options: { readonly requestId?: string } = {},
): Promise<OutboxRunReport> {
  const app: AppDeps = { store: deps.store, now: () => now };
  // A scheduled pass mostly finds nothing due: one read says so without the write lock (ADR
  // 380). A listener's pass for one request follows its own commit and skips the question.
  if (options.requestId === undefined && !outboxWorkDue(app)) return NOTHING_DONE;
  // Every write waits for another process's lock asynchronously (ADR 120): a pass never
  // blocks the event loop, and a sent message is not sent again because recording it was busy.
  const expanded = await whenUnlocked(() =>
    expandDueEvents(app, { ...options, admins: deps.admins }),
  );
  // Steps of one request run in order (the reply needs the parent); requests run side by side,
  // so a step whose call fails or hangs until the client's timeout holds up only its request.
  const byRequest = new Map<string, DueStep[]>();
  for (const step of listDueSteps(app, options.requestId)) {
    byRequest.set(step.requestId, [...(byRequest.get(step.requestId) ?? []), step]);
  }
  const results = await Promise.all(
    [...byRequest.entries()].map(([requestId, steps]) =>
      runRequestSteps(deps, app, requestId, steps),
    ),
  );
  const count = (kind: StepResult) => results.flat().filter((r) => r === kind).length;
  return {
    expanded,
    completed: count('completed'),
    deferred: count('deferred'),
    skipped: count('skipped'),
  };
}

/**
 * Edits of messages already posted need nothing from each other: consecutive ones are sent side
 * by side (docs/decisions/291-approval-click-path.md).
 */
const SIDE_BY_SIDE: ReadonlySet<StepAction> = new Set(['update_parent', 'update_reply']);

/**
 * One request's due steps, in order, all rendered from one read of the request: it is read
 * again only after a step recorded where a message landed (the later steps need that).
 */
async function runRequestSteps(
  deps: OutboxWorkerDeps,
  app: AppDeps,
  requestId: string,
  steps: readonly DueStep[],
): Promise<StepResult[]> {
  let view: RequestView | null | undefined;
  const viewNow = () => {
    if (view === undefined) view = getRequestView(app, requestId);
    return view;
  };
  const done: StepResult[] = [];
  for (const group of sideBySideGroups(steps)) {
    const ran = await Promise.all(group.map((step) => runStep(deps, app, step.id, viewNow)));
    for (const r of ran) {
      done.push(r.result);
      if (r.recorded) view = undefined;
    }
  }
  return done;
}

function sideBySideGroups(steps: readonly DueStep[]): DueStep[][] {
  const groups: DueStep[][] = [];
  for (const step of steps) {
    const last = groups.at(-1);
    const joins = last?.every((s) => SIDE_BY_SIDE.has(s.action)) && SIDE_BY_SIDE.has(step.action);
    if (last !== undefined && joins) last.push(step);
    else groups.push([step]);
  }
  return groups;
}

interface StepRun {
  readonly result: StepResult;
  /** True when the step recorded where a message landed (the request's view changed). */
  readonly recorded: boolean;
}

async function runStep(
  deps: OutboxWorkerDeps,
  app: AppDeps,
  id: number,
  viewNow: () => RequestView | null,
): Promise<StepRun> {
  const step = await whenUnlocked(() => claimStep(app, id));
  if (step === null) return { result: 'skipped', recorded: false };
  try {
    const view = viewNow();
    // A request that no longer exists has nobody to tell.
    const outcome: StepOutcome =
      view === null ? { kind: 'done' } : await deps.notifier.perform(step, view);
    if (outcome.kind === 'wait') {
      await whenUnlocked(() => releaseStep(app, step, outcome.why));
      return { result: 'deferred', recorded: false };
    }
    await whenUnlocked(() => {
      record(app, step, outcome);
      completeStep(app, step.id);
    });
    return { result: 'completed', recorded: outcome.kind !== 'done' };
  } catch (error) {
    // A Slack failure after commit never undoes the change: the step waits and is retried.
    const why = error instanceof Error ? error.message : String(error);
    deps.logger.warn(
      `outbox: ${step.action} for ${step.requestId} failed (attempt ${step.attempts}): ${why}`,
    );
    await whenUnlocked(() => failStep(app, step, why));
    return { result: 'deferred', recorded: false };
  }
}

function record(app: AppDeps, step: Step, outcome: StepOutcome): void {
  if (outcome.kind === 'posted_parent') recordAnnouncedParent(app, step.requestId, outcome);
  if (outcome.kind === 'posted_reply') recordAnnouncedReply(app, step.requestId, outcome.ts);
}

/** The port listeners use: deliver what is due for one request now, with the worker's deps. */
export function requestNotifications(
  deps: OutboxWorkerDeps & { readonly now: () => Date },
): RequestNotifications {
  return {
    async deliverFor(requestId) {
      await runOutboxWorker(deps, deps.now(), { requestId });
      // Only where the request is announced: the steps rendered the whole view already.
      return getRequestThread({ store: deps.store, now: deps.now }, requestId);
    },
  };
}
