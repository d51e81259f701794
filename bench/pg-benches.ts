// The PostgreSQL rows of `npm run bench` (bench/README.md, "PostgreSQL"): benches 1, 3 and 4 run
// on a server beside their SQLite figures. Each is one step of its own (`npm run bench -- 4pg`);
// the server is looked for once, and each cached SQLite ledger is copied to it once
// (./lib/pg-copy.ts). Without a server every row prints as skipped, with the reason.
import { ensurePgCopy } from './lib/pg-copy.ts';
import { findPgServer, type PgServer } from './lib/pg-server.ts';
import type { BenchRow } from './lib/stats.ts';
import { runPgAckBench } from './pg-ack.ts';
import { runPgPostingBench } from './pg-posting.ts';
import { runPgPreviewBench } from './pg-preview.ts';

/** A cached SQLite bench database and the key it is cached under. */
export interface BenchData {
  readonly key: string;
  readonly dbPath: string;
}

export interface PgBench {
  /** As `npm run bench -- N` selects it. */
  readonly bench: string;
  readonly label: string;
  readonly run: () => Promise<BenchRow[]>;
}

/**
 * The PostgreSQL steps, and `prepare`: finds the server and the cached copies the wanted steps
 * read (building or migrating them) before anything measures, as the run does with its SQLite
 * data: the copy and the migrations run in this process, the load generator of the acks that 3pg
 * and 4pg run beside (ADR 355). A step whose copy was prepared reuses it.
 */
export function pgBenches(data: {
  readonly ledger: () => BenchData;
  readonly posting: () => BenchData;
}): { readonly steps: PgBench[]; prepare(benches: readonly string[]): Promise<void> } {
  let server: Promise<PgServer> | undefined;
  const found = () => {
    server ??= findPgServer();
    return server;
  };
  const copies = new Map<() => BenchData, Promise<string>>();
  /** The cached PostgreSQL copy's name (built on first use, once; needs a server). */
  const copyOf = (source: () => BenchData) => () => {
    let copy = copies.get(source);
    if (copy === undefined) {
      copy = (async () => {
        const s = await found();
        if ('skipped' in s) throw new Error(s.skipped);
        return (await ensurePgCopy(s.url, source().key, source().dbPath)).name;
      })();
      copies.set(source, copy);
    }
    return copy;
  };
  const prepare = async (benches: readonly string[]) => {
    const sources = new Set<() => BenchData>();
    if (benches.includes('1pg') || benches.includes('3pg')) sources.add(data.ledger);
    if (benches.includes('4pg')) sources.add(data.posting);
    if ('skipped' in (await found())) return;
    // A copy that fails here fails again in its step, which reports it as that step's row.
    for (const source of sources) await copyOf(source)().catch(() => {});
  };
  const steps: PgBench[] = [
    {
      bench: '1pg',
      label: 'ack latency, two instances on PostgreSQL',
      run: async () => runPgAckBench(await found(), copyOf(data.ledger)),
    },
    {
      bench: '3pg',
      label: 'automatic preview on PostgreSQL',
      run: async () =>
        runPgPreviewBench(await found(), copyOf(data.ledger), () => data.ledger().dbPath),
    },
    {
      bench: '4pg',
      label: 'posting on PostgreSQL',
      run: async () =>
        runPgPostingBench(await found(), copyOf(data.posting), () => data.posting().dbPath),
    },
  ];
  return { steps, prepare };
}
