// Bench 1 on PostgreSQL: bench 1's open-loop `/writeoff` load (200 signed requests a second)
// split across TWO instances of the product (two `npm start` processes on two ports, one
// PostgreSQL database: a working copy of bench 1's 1M-line ledger on the server), the requests
// taking turns, against the bare Bolt app. Phases bare, pair, pair, bare, as in bench 1, whose
// SQLite row (one instance) is the figure to read beside this one.
import pg from 'pg';
import {
  drive,
  merge,
  PHASE_SECONDS,
  type Phase,
  RATE_PER_SECOND,
  settle,
  timeoutsRow,
  WARMUP_SECONDS,
} from './ack-latency.ts';
import { startFakeSlackProcess, viewsOpenTimes } from './lib/net.ts';
import {
  backendCpuMs,
  backendCpuSince,
  type PgServer,
  pgWorkingCopy,
  skippedRows,
} from './lib/pg-server.ts';
import { BARE_SERVER, botEnv, PRODUCT_SERVER, startServer } from './lib/slack-http.ts';
import { type BenchRow, percentile } from './lib/stats.ts';

const BENCH = '1pg /writeoff ack @200 rps, 2 instances';
const empty = (): Phase => ({ latenciesMs: [], timeouts: 0, errors: 0 });

export async function runPgAckBench(
  server: PgServer,
  cached: () => Promise<string>,
): Promise<BenchRow[]> {
  if ('skipped' in server) return skippedRows(BENCH, server.skipped);
  const copy = await pgWorkingCopy(server.url, await cached());
  const slack = await startFakeSlackProcess();
  const pgEnv = (port: number) => {
    const { WRITEOFF_DB: _file, ...env } = botEnv('', port, slack.url);
    return { ...env, DATABASE_URL: copy.url };
  };
  const servers = [];
  const database = new URL(copy.url).pathname.slice(1);
  const probe = new pg.Client({ connectionString: copy.url });
  await probe.connect();
  try {
    // The two instances one after the other: started at once, their outbox passes (every 15 s)
    // would fall together, and a full run measured the pair at 1,437 timeouts against 224
    // (ADR 345). The bare app starts beside the second one (it has no timers).
    servers.push(await startServer(PRODUCT_SERVER, pgEnv));
    const started = await Promise.allSettled([
      startServer(PRODUCT_SERVER, pgEnv),
      startServer(BARE_SERVER, (port) => botEnv(':memory:', port, slack.url)),
    ]);
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const bare = servers[2] as (typeof servers)[number];
    const pair = servers.slice(0, 2).map((s) => s.port);
    const seq = { n: 0 };
    let product = empty();
    let baseline = empty();
    await drive(bare.port, WARMUP_SECONDS, seq);
    await drive(pair, WARMUP_SECONDS, seq);
    const measuredFromMs = Date.now();
    // CPU time of the servers over their phases (ms): both instances together, and the bare app.
    const cpu = { pair: { main: 0, all: 0, server: 0 }, bare: { main: 0, all: 0, server: 0 } };
    for (const target of ['bare', 'pair', 'pair', 'bare'] as const) {
      const measured = target === 'pair' ? servers.slice(0, 2) : [bare];
      const used = () => measured.map((s) => ({ main: s.mainThreadCpuMs(), all: s.cpuMs() }));
      const before = used();
      const backendsBefore = await backendCpuMs(probe, database);
      const phase = await drive(target === 'pair' ? pair : bare.port, PHASE_SECONDS, seq);
      cpu[target].server += backendCpuSince(backendsBefore, await backendCpuMs(probe, database));
      used().forEach((after, i) => {
        cpu[target].main += after.main - (before[i]?.main ?? 0);
        cpu[target].all += after.all - (before[i]?.all ?? 0);
      });
      if (target === 'pair') product = merge(product, phase);
      else baseline = merge(baseline, phase);
    }
    // The pair's last modals: opened during the last (bare) phase, or now if still going.
    await Promise.all(servers.slice(0, 2).map(settle));
    const opened = [...(await viewsOpenTimes(slack.url)).values()].filter(
      (ms) => ms >= measuredFromMs,
    ).length;
    const perRequest = (ms: number) => ms / (2 * PHASE_SECONDS * RATE_PER_SECOND);
    return [
      ...rows(product, baseline, opened),
      cpuRow('main-thread CPU/req', perRequest(cpu.pair.main), perRequest(cpu.bare.main)),
      cpuRow('process CPU/req', perRequest(cpu.pair.all), perRequest(cpu.bare.all)),
      {
        ...cpuRow(
          '+ server backends CPU/req',
          perRequest(cpu.pair.all + cpu.pair.server),
          perRequest(cpu.bare.all),
        ),
        note: `PostgreSQL's backends: ${perRequest(cpu.pair.server).toFixed(2)} ms per request`,
      },
    ];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await slack.close();
    await probe.end();
    await copy.remove();
  }
}

function rows(product: Phase, baseline: Phase, modals: number): BenchRow[] {
  const p = (phase: Phase, q: number) => percentile(phase.latenciesMs, q);
  const tally = (phase: Phase) =>
    `${phase.latenciesMs.length} ok, ${phase.timeouts} timeouts, ${phase.errors} non-200`;
  const row = (q: number): BenchRow => ({
    bench: BENCH,
    metric: `p${q}`,
    value: p(product, q),
    unit: 'ms',
    baseline: p(baseline, q),
    ratio: p(product, q) / p(baseline, q),
    target: 'reported',
    met: true,
  });
  return [
    row(50),
    {
      ...row(99),
      note: `PostgreSQL pair ${tally(product)}, ${modals} modals opened; bare ${tally(baseline)}`,
    },
    timeoutsRow(BENCH, product, baseline),
  ];
}

/** Both instances' CPU per request (from /proc; holds on a busy machine where latency does not). */
function cpuRow(metric: string, pairMs: number, bareMs: number): BenchRow {
  return {
    bench: BENCH,
    metric,
    value: pairMs,
    unit: 'ms',
    baseline: bareMs,
    ratio: pairMs / bareMs,
    target: 'reported',
    met: true,
  };
}
