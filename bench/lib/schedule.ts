// How `npm run bench` spends its minutes (docs/decisions/275-bench-lanes.md): first the steps
// that must run alone; then the steps judged on latency or wall time run one after another in
// the quiet lane, and the steps judged on their children's CPU time run in the background lane
// at the same time, their children at idle priority, one at a time while a quiet step runs and
// two at a time once the quiet lane is done.
// `BENCH_SCHEDULE=serial` runs every step alone, at normal priority, in the table's order (the
// way the bench ran before; to confirm that a figure does not depend on the schedule).
import { readFileSync } from 'node:fs';
import { inStep, type Lane, type LaneName, Slots, type StepContext } from './lanes.ts';
import { type BenchRow, round } from './stats.ts';

export interface Step {
  /** The bench's number, as `npm run bench -- N` selects it. */
  readonly bench: string;
  readonly label: string;
  readonly run: () => Promise<BenchRow[]>;
}

/**
 * `alone`: run first, one after another, with nothing else of this run beside them (figures
 * that measured as distorted beside other work). `quiet`: then one after another.
 * `background`: chains that run side by side with the quiet lane, each chain's steps in order
 * (a step that reuses another's measurements comes after it in its chain).
 * `order`: every step in the order its rows appear in the table.
 */
export interface Plan {
  readonly alone: readonly Step[];
  readonly quiet: readonly Step[];
  readonly background: readonly (readonly Step[])[];
  readonly order: readonly Step[];
}

export interface StepTime {
  readonly bench: string;
  readonly lane: LaneName | 'serial';
  /** From the step's start to its end; background steps share their cores with the quiet lane. */
  readonly seconds: number;
  /** The step's measuring children and servers (quiet: also this process's own work). */
  readonly cpuSeconds: number;
}

/** Background children at once while a quiet step runs, and once the quiet lane is done. */
const BACKGROUND_SLOTS_BESIDE_QUIET = 1;
const BACKGROUND_SLOTS_ALONE = 2;

export async function runPlan(plan: Plan): Promise<{ rows: BenchRow[]; times: StepTime[] }> {
  const rows = new Map<Step, BenchRow[]>();
  const times: StepTime[] = [];
  const background: StepContext[] = [];
  const backgroundCpuMs = () => background.reduce((sum, s) => sum + s.childCpuMs, 0);
  const run = async (step: Step, lane: Lane) => {
    const context: StepContext = { lane, childCpuMs: 0 };
    if (lane.name === 'background') background.push(context);
    console.log(`bench ${step.bench}: ${step.label}… (${lane.name} lane)`);
    const wallStarted = Date.now();
    const cpuStarted = cpuSecondsWithChildren() - backgroundCpuMs() / 1000;
    rows.set(step, await inStep(context, () => rowsOrFailure(step)));
    const cpuSeconds =
      lane.name === 'background'
        ? context.childCpuMs / 1000
        : cpuSecondsWithChildren() - backgroundCpuMs() / 1000 - cpuStarted;
    const time = {
      bench: step.bench,
      lane: process.env.BENCH_SCHEDULE === 'serial' ? ('serial' as const) : lane.name,
      seconds: round((Date.now() - wallStarted) / 1000, 1),
      cpuSeconds: round(cpuSeconds, 1),
    };
    times.push(time);
    console.log(`  bench ${step.bench} took ${time.seconds} s (${time.cpuSeconds} s CPU)`);
  };
  const quietLane: Lane = { name: 'quiet', slots: new Slots(1), idlePriority: false };
  if (process.env.BENCH_SCHEDULE === 'serial') {
    for (const step of plan.order) await run(step, quietLane);
  } else {
    const aloneLane: Lane = { name: 'alone', slots: new Slots(1), idlePriority: false };
    for (const step of plan.alone) await run(step, aloneLane);
    const backgroundLane: Lane = {
      name: 'background',
      slots: new Slots(BACKGROUND_SLOTS_BESIDE_QUIET),
      idlePriority: true,
    };
    const quiet = (async () => {
      for (const step of plan.quiet) await run(step, quietLane);
      // Both cores are the background lane's now; a child started from here on runs at normal
      // priority (idle priority would only yield to other sessions' work, not to ours).
      backgroundLane.idlePriority = false;
      backgroundLane.slots.widen(BACKGROUND_SLOTS_ALONE - BACKGROUND_SLOTS_BESIDE_QUIET);
    })();
    const chains = plan.background.map(async (chain) => {
      for (const step of chain) await run(step, backgroundLane);
    });
    await Promise.all([quiet, ...chains]);
  }
  return { rows: plan.order.flatMap((step) => rows.get(step) ?? []), times };
}

/** One broken bench is a failed row, not a lost run: the others' figures are still written. */
async function rowsOrFailure(step: Step): Promise<BenchRow[]> {
  try {
    return await step.run();
  } catch (error) {
    console.error(error);
    const message = String(error instanceof Error ? error.message.split('\n')[0] : error);
    return [
      {
        bench: step.bench,
        metric: 'failed',
        value: Number.NaN,
        unit: '',
        target: 'runs',
        met: false,
        note: message,
      },
    ];
  }
}

/**
 * utime + stime + cutime + cstime of this process from /proc (NaN off Linux): on a shared
 * machine a step's wall time mostly says how busy the others were; its CPU time does not.
 */
export function cpuSecondsWithChildren(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return ticks / 100;
  } catch {
    return Number.NaN;
  }
}
