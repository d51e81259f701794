// How `npm run bench` spends its minutes (docs/decisions/275-bench-lanes.md): first the steps
// that must run alone; then the steps judged on latency or wall time run one after another in
// the quiet lane, and the steps judged on their children's CPU time run in the background lane
// at the same time, their children at idle priority, one at a time while a quiet step runs and
// two at a time once the quiet lane is done.
// `BENCH_SCHEDULE=serial` runs every step alone, at normal priority, in the table's order (the
// way the bench ran before; to confirm that a figure does not depend on the schedule).
import { readFileSync } from 'node:fs';
import { inStep, type Lane, type LaneName, Slots, type StepContext } from './lanes.ts';
import { describeUse, type MachineUse, machineMeter } from './machine.ts';
import { type BenchRow, round } from './stats.ts';

export interface Step {
  /** The bench's number, as `npm run bench -- N` selects it. */
  readonly bench: string;
  readonly label: string;
  readonly run: () => Promise<BenchRow[]>;
}

/**
 * Quiet-lane steps that run at the same time, each chain one step after another: steps whose
 * figures measured far within target, and within their spread, beside each other
 * (docs/decisions/345-bench-side-by-side-quiet-steps.md). Their CPU time is the group's.
 */
export interface SideBySide {
  readonly sideBySide: readonly (readonly Step[])[];
}

/**
 * `alone`: run first, one after another, with nothing else of this run beside them (figures
 * that measured as distorted beside other work). `quiet`: then one after another (a
 * `SideBySide` item: its chains at once).
 * `background`: chains that run side by side with the quiet lane, each chain's steps in order
 * (a step that reuses another's measurements comes after it in its chain).
 * `order`: every step in the order its rows appear in the table.
 */
export interface Plan {
  readonly alone: readonly Step[];
  /** Measuring children the alone steps may run at once (one a core: ADR 355); default 1. */
  readonly aloneSlots?: number;
  readonly quiet: readonly (Step | SideBySide)[];
  readonly background: readonly (readonly Step[])[];
  readonly order: readonly Step[];
}

export interface StepTime {
  readonly bench: string;
  readonly lane: LaneName | 'serial';
  /** From the step's start to its end; background steps share their cores with the quiet lane. */
  readonly seconds: number;
  /**
   * The step's measuring children and servers (quiet: also this process's own work); for steps
   * side by side, the group's (NaN, written as null, on each of its steps).
   */
  readonly cpuSeconds: number;
  /** The steps this one ran beside in the quiet lane, if any. */
  readonly beside?: readonly string[];
  /** What the whole machine did meanwhile (every process's CPU, steal, waits): ./machine.ts. */
  readonly machine: MachineUse;
}

/** Background children at once while a quiet step runs, and once the quiet lane is done. */
const BACKGROUND_SLOTS_BESIDE_QUIET = 1;
const BACKGROUND_SLOTS_ALONE = 2;

export async function runPlan(plan: Plan): Promise<{ rows: BenchRow[]; times: StepTime[] }> {
  const rows = new Map<Step, BenchRow[]>();
  const times: StepTime[] = [];
  const background: StepContext[] = [];
  const backgroundCpuMs = () => background.reduce((sum, s) => sum + s.childCpuMs, 0);
  /** This process's CPU with its children's, less the background lane's: the quiet lane's. */
  const foregroundCpu = () => cpuSecondsWithChildren() - backgroundCpuMs() / 1000;
  const record = (time: StepTime) => {
    times.push(time);
    const cpu = Number.isNaN(time.cpuSeconds) ? 'CPU with the group' : `${time.cpuSeconds} s CPU`;
    console.log(
      `  bench ${time.bench} took ${time.seconds} s (${cpu}; ${describeUse(time.machine)})`,
    );
  };
  const laneOf = (lane: Lane) =>
    process.env.BENCH_SCHEDULE === 'serial' ? ('serial' as const) : lane.name;
  const run = async (step: Step, lane: Lane, beside?: readonly string[]) => {
    const context: StepContext = { lane, childCpuMs: 0 };
    if (lane.name === 'background') background.push(context);
    console.log(`bench ${step.bench}: ${step.label}… (${lane.name} lane)`);
    const wallStarted = Date.now();
    const cpuStarted = foregroundCpu();
    const machine = machineMeter();
    rows.set(step, await inStep(context, () => rowsOrFailure(step)));
    const cpuSeconds =
      beside !== undefined
        ? Number.NaN
        : lane.name === 'background'
          ? context.childCpuMs / 1000
          : foregroundCpu() - cpuStarted;
    record({
      bench: step.bench,
      lane: laneOf(lane),
      seconds: round((Date.now() - wallStarted) / 1000, 1),
      cpuSeconds: round(cpuSeconds, 1),
      ...(beside === undefined ? {} : { beside }),
      machine: machine(),
    });
  };
  const quietLane: Lane = { name: 'quiet', slots: new Slots(1), idlePriority: false };
  /** A quiet item: one step, or chains side by side (a slot each for their children). */
  const runQuiet = async (item: Step | SideBySide) => {
    if (!('sideBySide' in item)) return run(item, quietLane);
    const chains = item.sideBySide;
    const benches = chains.flat().map((s) => s.bench);
    const lane: Lane = { name: 'quiet', slots: new Slots(chains.length), idlePriority: false };
    const wallStarted = Date.now();
    const cpuStarted = foregroundCpu();
    const machine = machineMeter();
    await Promise.all(
      chains.map(async (chain) => {
        for (const step of chain) {
          await run(
            step,
            lane,
            benches.filter((b) => b !== step.bench),
          );
        }
      }),
    );
    record({
      bench: chains.map((chain) => chain.map((s) => s.bench).join(' → ')).join(' ∥ '),
      lane: laneOf(lane),
      seconds: round((Date.now() - wallStarted) / 1000, 1),
      cpuSeconds: round(foregroundCpu() - cpuStarted, 1),
      machine: machine(),
    });
  };
  if (process.env.BENCH_SCHEDULE === 'serial') {
    for (const step of plan.order) await run(step, quietLane);
  } else {
    const aloneLane: Lane = {
      name: 'alone',
      slots: new Slots(plan.aloneSlots ?? 1),
      idlePriority: false,
    };
    for (const step of plan.alone) await run(step, aloneLane);
    const backgroundLane: Lane = {
      name: 'background',
      slots: new Slots(BACKGROUND_SLOTS_BESIDE_QUIET),
      idlePriority: true,
    };
    const quiet = (async () => {
      for (const item of plan.quiet) await runQuiet(item);
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

/**
 * Lets steps side by side begin measuring together: each calls `arrive` once its servers are
 * up and waits until every party has (or one has ended without arriving: `leave`), so one
 * step's server start does not fall into the other's baseline (ADR 345).
 */
export class StartTogether {
  private arrived = 0;
  private release = () => {};
  private readonly all = new Promise<void>((resolve) => {
    this.release = resolve;
  });

  constructor(private readonly parties: number) {
    if (parties <= 1) this.release();
  }

  readonly arrive = (): Promise<void> => {
    this.arrived += 1;
    if (this.arrived >= this.parties) this.release();
    return this.all;
  };

  /** Called when a party's step ends: the others no longer wait for it. */
  readonly leave = (): void => this.release();
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
