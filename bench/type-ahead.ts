// Bench 2: customer type-ahead (the options load behind the customer picker) over 100k
// customers and 1M invoices: 2,000 seeded queries of the kinds clerks type (id prefixes, name
// prefixes, name fragments, one letter, nothing), each answered with up to 25 customers and
// their balances. The baseline is one raw indexed id-prefix query per keystroke, the floor any
// implementation pays. Runs in a child on the cached database.

import { customerId, customerName } from '../scripts/generate-ar-file.ts';
import { seededRandom } from '../src/app/demo-data.ts';
import { openDatabase } from '../src/db/client.ts';
import { searchCustomers } from '../src/db/customers.repo.ts';
import { elapsedMs, isMain, reportResult, runBenchChild } from './lib/child.ts';
import { type BenchRow, percentile } from './lib/stats.ts';

const QUERIES = 2_000;
const LIMIT = 25;

/** Deterministic keystrokes: what a clerk would type into the customer picker. */
export function typeAheadQueries(customers: number, count = QUERIES): string[] {
  const rng = seededRandom(2026);
  const queries: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const index = Math.floor(rng() * customers);
    const name = customerName(index);
    const kind = i % 6;
    if (kind === 0) queries.push(customerId(index).slice(0, 2 + Math.floor(rng() * 5)));
    else if (kind === 1) queries.push(name.slice(0, 1 + Math.floor(rng() * 8)));
    else if (kind === 2) queries.push(name.split(' ')[1]?.slice(1, 5) ?? 'ply');
    else if (kind === 3) queries.push(name.toLowerCase().slice(0, 12));
    else if (kind === 4) queries.push(String.fromCharCode(97 + Math.floor(rng() * 26)));
    else queries.push(i % 12 === 5 ? '' : `${name.split(' ')[0]} ${name.split(' ')[1]} ${index}`);
  }
  return queries;
}

interface TypeAheadResult {
  readonly searchMs: number[];
  readonly rawMs: number[];
  readonly hits: number;
  readonly slowest: { query: string; ms: number };
}

function measure(dbPath: string, customers: number): TypeAheadResult {
  const database = openDatabase(dbPath);
  const queries = typeAheadQueries(customers);
  const raw = database.sqlite.prepare(
    'SELECT id, name FROM customers WHERE id >= ? AND id < ? ORDER BY id LIMIT ?',
  );
  const searchMs: number[] = [];
  const rawMs: number[] = [];
  let hits = 0;
  let slowest = { query: '', ms: 0 };
  for (const q of queries.slice(0, 100)) searchCustomers(database.db, q, LIMIT); // warm-up
  for (const query of queries) {
    let started = process.hrtime.bigint();
    hits += searchCustomers(database.db, query, LIMIT).length;
    const ms = elapsedMs(started);
    searchMs.push(ms);
    if (ms > slowest.ms) slowest = { query, ms };
    started = process.hrtime.bigint();
    raw.all(query, `${query}\u{10ffff}`, LIMIT);
    rawMs.push(elapsedMs(started));
  }
  database.close();
  return { searchMs, rawMs, hits, slowest };
}

export async function runTypeAheadBench(dbPath: string, customers: number): Promise<BenchRow[]> {
  const r = await runBenchChild<TypeAheadResult>(import.meta.url, [dbPath, String(customers)]);
  const p50 = percentile(r.searchMs, 50);
  const p99 = percentile(r.searchMs, 99);
  const raw50 = percentile(r.rawMs, 50);
  const raw99 = percentile(r.rawMs, 99);
  const note = `${r.searchMs.length} queries, ${r.hits} hits; slowest "${r.slowest.query}" ${r.slowest.ms.toFixed(1)} ms`;
  const bench = '2 customer type-ahead';
  return [
    {
      bench,
      metric: 'p50',
      value: p50,
      unit: 'ms',
      baseline: raw50,
      ratio: p50 / raw50,
      target: '-',
      met: true,
    },
    {
      bench,
      metric: 'p99',
      value: p99,
      unit: 'ms',
      baseline: raw99,
      ratio: p99 / raw99,
      target: '≤ 20 ms',
      met: p99 <= 20,
      note,
    },
  ];
}

if (isMain(import.meta.url)) {
  reportResult(measure(process.argv[2] ?? '', Number(process.argv[3] ?? 100_000)));
}
