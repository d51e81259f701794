// The two lanes a bench step runs in (docs/decisions/275-bench-lanes.md). The quiet lane holds
// the benches judged on latency or wall time, one after another at normal priority. The
// background lane holds the benches judged on their children's CPU time: its measuring children
// start with the idle scheduling policy (SCHED_IDLE), so the kernel runs them only on a core no
// quiet-lane process wants and preempts them as soon as one does. CPU time does not depend on
// when a process got its core; latency does, and the quiet lane keeps it to itself.
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawnSync } from 'node:child_process';

export type LaneName = 'alone' | 'quiet' | 'background';

/** A counting semaphore whose number of slots can grow while it is in use. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(slots: number) {
    this.free = slots;
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.handOn();
    };
  }

  /** Adds `count` slots (the quiet lane has finished: its core is free for measuring). */
  widen(count: number): void {
    for (let i = 0; i < count; i += 1) this.handOn();
  }

  private handOn(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.free += 1;
    else next();
  }
}

export interface Lane {
  readonly name: LaneName;
  /** Limits how many of the lane's measuring children run at once. */
  readonly slots: Slots;
  /**
   * The lane's children start with the idle scheduling policy: the background lane's while the
   * quiet lane runs (once it is done, nothing of ours needs the cores kept for it).
   */
  idlePriority: boolean;
}

/** The step a piece of async work belongs to: its lane, and the CPU its children reported. */
export interface StepContext {
  readonly lane: Lane;
  childCpuMs: number;
}

const context = new AsyncLocalStorage<StepContext>();

export function inStep<T>(step: StepContext, run: () => Promise<T>): Promise<T> {
  return context.run(step, run);
}

export function currentStep(): StepContext | undefined {
  return context.getStore();
}

let chrt: boolean | undefined;

/**
 * The command prefix that starts a process with the idle scheduling policy (`chrt --idle 0`,
 * util-linux), or none where chrt is missing (the child then runs at normal priority).
 */
export function idlePrefix(): readonly string[] {
  chrt ??= spawnSync('chrt', ['--idle', '0', 'true']).status === 0;
  return chrt ? ['chrt', '--idle', '0'] : [];
}

/** The background lane's children now running, and whether a quiet step holds them still. */
const backgroundChildren = new Set<number>();
let holds = 0;

function signal(pid: number, name: 'SIGSTOP' | 'SIGCONT'): void {
  try {
    process.kill(pid, name);
  } catch {
    // The child has just ended.
  }
}

/**
 * Notes a background child until it ends (call the function returned then); started while a
 * quiet step holds the lane, it is stopped at once.
 */
export function trackBackgroundChild(pid: number): () => void {
  backgroundChildren.add(pid);
  if (holds > 0) signal(pid, 'SIGSTOP');
  return () => {
    backgroundChildren.delete(pid);
  };
}

/**
 * Runs `measure` with the background lane's children stopped (SIGSTOP, then SIGCONT): for the
 * latency phases that measured slower beside them even at idle priority (bench/README.md,
 * "Reading a miss"). Their CPU time, the figure they are judged on, does not change; their wall
 * time grows by the hold. `BENCH_HOLD_BACKGROUND=off` keeps them running.
 */
export async function withBackgroundHeld<T>(measure: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_HOLD_BACKGROUND === 'off') return measure();
  holds += 1;
  if (holds === 1) for (const pid of backgroundChildren) signal(pid, 'SIGSTOP');
  try {
    return await measure();
  } finally {
    holds -= 1;
    if (holds === 0) for (const pid of backgroundChildren) signal(pid, 'SIGCONT');
  }
}
