// What the whole machine did while a step or phase ran, from Linux's /proc: CPU time every
// process used (ours and anyone else's), time a virtual machine's host kept from it (steal),
// and pressure-stall time (how long runnable tasks waited for a core, or any task for I/O).
// A latency figure that moved between runs of the same code is explained by these, not guessed
// at (bench/README.md "Reading a miss"). Off Linux every figure is NaN.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** Totals since boot, or (from a meter) what the machine did over a span; ms. */
export interface MachineUse {
  /** user + nice + system + irq + softirq over every core, ms. */
  readonly busyMs: number;
  readonly stealMs: number;
  readonly ioWaitMs: number;
  /** /proc/pressure/cpu "some" total, ms: some runnable task waited for a core. */
  readonly cpuWaitMs: number;
  /** /proc/pressure/io "some" total, ms: some task waited for I/O. */
  readonly ioStallMs: number;
}

function cpuTicks(): { busyMs: number; stealMs: number; ioWaitMs: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .map(Number);
    const ms = (ticks: number | undefined) => ((ticks ?? Number.NaN) * 1000) / TICKS_PER_SECOND;
    const busy = [user, nice, system, irq, softirq].reduce<number>(
      (s, t) => s + (t ?? Number.NaN),
      0,
    );
    return { busyMs: ms(busy), stealMs: ms(steal), ioWaitMs: ms(iowait) };
  } catch {
    return { busyMs: Number.NaN, stealMs: Number.NaN, ioWaitMs: Number.NaN };
  }
}

function pressureSomeMs(resource: 'cpu' | 'io'): number {
  try {
    const some = readFileSync(`/proc/pressure/${resource}`, 'utf8').split('\n')[0] ?? '';
    const total = /total=(\d+)/.exec(some)?.[1];
    return total === undefined ? Number.NaN : Number(total) / 1000;
  } catch {
    return Number.NaN;
  }
}

function read(): MachineUse {
  return { ...cpuTicks(), cpuWaitMs: pressureSomeMs('cpu'), ioStallMs: pressureSomeMs('io') };
}

/** Starts a meter; the function it returns gives what the machine did since, in ms. */
export function machineMeter(): () => MachineUse {
  const before = read();
  return () => {
    const after = read();
    return {
      busyMs: after.busyMs - before.busyMs,
      stealMs: after.stealMs - before.stealMs,
      ioWaitMs: after.ioWaitMs - before.ioWaitMs,
      cpuWaitMs: after.cpuWaitMs - before.cpuWaitMs,
      ioStallMs: after.ioStallMs - before.ioStallMs,
    };
  };
}

/** One line for a log or a note: "busy 9.1 s, steal 0 s, CPU wait 1.2 s, I/O stall 0 s". */
export function describeUse(use: MachineUse): string {
  const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  return `machine busy ${s(use.busyMs)}, steal ${s(use.stealMs)}, CPU wait ${s(use.cpuWaitMs)}, I/O stall ${s(use.ioStallMs)}`;
}
