// Bench 1's rows (bench/ack-latency.ts): the ack percentiles against the bare Bolt app, the
// warm-up's own p99, CPU time per request, the post-ack thread's CPU per modal and the
// command → views.open latency.
import { type BenchRow, percentile } from './stats.ts';

/** The product's ack p99 may be this many times the bare app's (measured in the same run). */
const ACK_P99_MAX_RATIO = 1.2;

/** When each command left the generator, by its trigger id (epoch ms). */
type SentAt = ReadonlyMap<string, number>;

export interface Phase {
  latenciesMs: number[];
  timeouts: number;
  errors: number;
}

/** The warm-up's own p99s (first seconds after start, JIT still compiling): reported only. */
export function warmupRow(product: Phase, baseline: Phase, acks: number): BenchRow {
  const p99 = (phase: Phase) => percentile(phase.latenciesMs, 99);
  return {
    bench: '1 /writeoff ack @200 rps',
    metric: 'p99 in the warm-up',
    value: p99(product),
    unit: 'ms',
    baseline: p99(baseline),
    ratio: p99(product) / p99(baseline),
    target: 'reported',
    met: true,
    note: `first ${acks} acks after start, JIT still compiling; product ${product.timeouts} timeouts, bare ${baseline.timeouts}`,
  };
}

/** A measured phase's surroundings (bench/README.md, "Reading a miss"). */
export interface PhaseUse {
  /** CPU time of every process but the server, the load generator and the Slack stand-in. */
  readonly othersCpuMs: number;
  /** How long the server's main thread was runnable but had no core. */
  readonly mainWaitMs: number;
}

export interface PostAckCpu {
  readonly cpuMs: number;
  readonly modals: number;
}

/**
 * The post-ack thread's CPU time per modal it opened, from the measured phases until the last
 * modals were in: the busiest thread besides the main one (the others are the module loader's
 * and V8's helpers). Unlike the process's CPU per request, it holds when an overloaded machine
 * sheds commands (their modals, and most of their work, never happen).
 */
export function postAckThreadCpu(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  openedAt: ReadonlyMap<string, number>,
  fromMs: number,
): PostAckCpu {
  const mainTid = [...before.keys()].sort((a, b) => Number(a) - Number(b))[0];
  let cpuMs = Number.NaN;
  for (const [tid, ms] of after) {
    const used = ms - (before.get(tid) ?? 0);
    if (tid !== mainTid && !(used <= cpuMs)) cpuMs = used;
  }
  const modals = [...openedAt.values()].filter((ms) => ms >= fromMs).length;
  return { cpuMs, modals };
}

export function postAckRows({ cpuMs, modals }: PostAckCpu): BenchRow[] {
  if ((process.env.BENCH_ACK_TEXT ?? '') !== '') return [];
  return [
    {
      bench: '1 /writeoff ack @200 rps',
      metric: 'post-ack thread CPU/modal',
      value: cpuMs / modals,
      unit: 'ms',
      target: 'reported',
      met: true,
      note: `${cpuMs} ms over ${modals} modals`,
    },
  ];
}

export function ackRows(
  product: Phase,
  baseline: Phase,
  roundRatios: readonly number[],
  phaseUse: readonly PhaseUse[] = [],
): BenchRow[] {
  const bench = '1 /writeoff ack @200 rps';
  // Phases in order bare, product, product, bare per round.
  const others = phaseUse.map((u) => (u.othersCpuMs / 1000).toFixed(1)).join(' / ');
  const waits = phaseUse.map((u) => Math.round(u.mainWaitMs)).join(' / ');
  const p = (phase: Phase, q: number) => percentile(phase.latenciesMs, q);
  const note = (phase: Phase) =>
    `${phase.latenciesMs.length} ok, ${phase.timeouts} timeouts, ${phase.errors} non-200`;
  return [
    {
      bench,
      metric: 'p50',
      value: p(product, 50),
      unit: 'ms',
      baseline: p(baseline, 50),
      ratio: p(product, 50) / p(baseline, 50),
      target: '-',
      met: true,
    },
    {
      bench,
      metric: 'p99',
      value: p(product, 99),
      unit: 'ms',
      baseline: p(baseline, 99),
      ratio: p(product, 99) / p(baseline, 99),
      target: `≤ ${ACK_P99_MAX_RATIO}× bare`,
      met: p(product, 99) <= ACK_P99_MAX_RATIO * p(baseline, 99),
      note: `product ${note(product)}; bare ${note(baseline)}; p99 ratio by round ${roundRatios.map((r) => `${r.toFixed(2)}×`).join(', ')}; by phase (bare, product, product, bare per round): other processes' CPU ${others} s, the server's main thread waiting for a core ${waits} ms`,
    },
    timeoutsRow(bench, product, baseline),
  ];
}

/** Acks past Slack's deadline or answered with another status than 200: none allowed. */
export function timeoutsRow(bench: string, product: Phase, baseline: Phase): BenchRow {
  const failures = product.timeouts + product.errors;
  return {
    bench,
    metric: 'timeouts+errors',
    value: failures,
    unit: 'req',
    baseline: baseline.timeouts + baseline.errors,
    target: '0',
    met: failures === 0,
  };
}

/**
 * Command sent → views.open received by Slack, for the product's measured commands. Reported
 * beside the ack (no baseline: the bare app opens no modal); `BENCH_ACK_TEXT=help` opens none.
 */
export function viewsOpenRows(sentAt: SentAt, openedAt: ReadonlyMap<string, number>): BenchRow[] {
  const latenciesMs: number[] = [];
  for (const [triggerId, sentMs] of sentAt) {
    const openedMs = openedAt.get(triggerId);
    if (openedMs !== undefined) latenciesMs.push(openedMs - sentMs);
  }
  // BENCH_ACK_TEXT=help: no command asks for a modal, so there is nothing to report.
  if ((process.env.BENCH_ACK_TEXT ?? '') !== '') return [];
  const bench = '1 command → views.open';
  // A command the post-ack thread shed (its trigger id expired in the queue) opens none.
  const note = `${latenciesMs.length} of ${sentAt.size} commands opened a modal`;
  return [50, 99].map((q) => ({
    bench,
    metric: `p${q}`,
    value: percentile(latenciesMs, q),
    unit: 'ms',
    target: 'reported',
    met: true,
    ...(q === 99 ? { note } : {}),
  }));
}

/**
 * The server's CPU time per request over the measured phases (from /proc, so it holds on a busy
 * machine where latencies do not). The main thread's is what stands between a request and its
 * ack; the process's adds the post-ack thread (work it had not caught up on is not counted).
 */
export function cpuRow(metric: string, productMs: number, bareMs: number): BenchRow {
  return {
    bench: '1 /writeoff ack @200 rps',
    metric,
    value: productMs,
    unit: 'ms',
    baseline: bareMs,
    ratio: productMs / bareMs,
    target: 'reported',
    met: true,
  };
}
