// Deterministic, seeded A/R data files (docs/ar-file-format.md) of any size, for benchmarks and
// reliability tests. The same options always give byte-identical files. The file is streamed to
// disk in 1 MiB chunks, so a million lines never sit in memory. Money is built from integer minor
// units only (USD, 2 decimals).
//
//   npx tsx scripts/generate-ar-file.ts OUT.json [--seed 42] [--customers 20000]
//       [--invoices 200000] [--lines 5] [--on-account 20000]
import { closeSync, openSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../src/app/demo-data.ts';

export interface ArFileSpec {
  readonly seed: number;
  readonly customers: number;
  readonly invoices: number;
  /** Lines per invoice (credit memos always have one line). */
  readonly linesPerInvoice: number;
  readonly onAccount: number;
  /**
   * Every Nth invoice (index % N === N - 1) has its first line's work amount halved, as after a
   * partial payment: the same file otherwise, for re-imports where 1/N of the balances changed.
   */
  readonly partlyPaidEvery?: number;
}

export const BENCH_OPEN_PERIOD = '2026-06';
/** Invoices are dated from 2025-01-01 to 2026-06-09; runs use older-than dates inside that. */
export const FIRST_INVOICE_DAY = Date.UTC(2025, 0, 1);
const DATE_SPAN_DAYS = 524;
const DAY_MS = 86_400_000;

const FIRST = [
  'Acme',
  'Summit',
  'Harbor',
  'Pioneer',
  'Granite',
  'Cedar',
  'Bluewater',
  'Ironwood',
  'Northstar',
  'Redwood',
  'Silverline',
  'Keystone',
  'Lakeside',
  'Meridian',
  'Oakridge',
  'Prairie',
  'Quarry',
  'Riverside',
  'Sterling',
  'Timber',
  'Union',
  'Valley',
  'Westgate',
  'Yellowstone',
  'Zenith',
];
const SECOND = [
  'Builders',
  'Supply',
  'Electric',
  'Plumbing',
  'Roofing',
  'Logistics',
  'Foods',
  'Dental',
  'Concrete',
  'Paving',
  'Glass',
  'Steel',
  'Lumber',
  'Mechanical',
  'Landscaping',
  'Freight',
];

/** `C000123`: fixed width, so text order is numeric order (ranges compare as text). */
export const customerId = (index: number): string => `C${String(index).padStart(6, '0')}`;
/** `INV0000123`: fixed width for the same reason. */
export const invoiceNumber = (index: number): string => `INV${String(index).padStart(7, '0')}`;
export const customerName = (index: number): string =>
  `${FIRST[index % FIRST.length]} ${SECOND[Math.floor(index / FIRST.length) % SECOND.length]} ${index}`;

/** Minor units as a plain decimal string with two places (`-1234.50`). */
export function usd(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function writeArFile(path: string, spec: ArFileSpec): void {
  writeBuffered(path, (out) => {
    writeHeader(out);
    writeCustomers(out, spec.customers);
    writeInvoices(out, spec);
    writeOnAccount(out, spec);
  });
}

export type Out = (text: string) => void;

/**
 * Writes `path` through `write`'s `out` calls, a megabyte at a time (files of millions of lines).
 */
export function writeBuffered(path: string, write: (out: Out) => void): void {
  const fd = openSync(path, 'w');
  let buffer = '';
  const out = (text: string) => {
    buffer += text;
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  };
  try {
    write(out);
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

function writeHeader(out: Out): void {
  out('{"version":1,"currency":"USD","timezone":"America/New_York","accounts":[');
  out('{"code":"1200","name":"Accounts receivable","role":"ar"},');
  out('{"code":"1210","name":"A/R retainage","role":"ar_retainage"},');
  out('{"code":"1250","name":"Finance charges receivable","role":"fc_receivable"},');
  out('{"code":"2200","name":"Sales tax payable","role":"tax_payable"},');
  out('{"code":"7100","name":"Bad debt expense","role":"write_off","default":true},');
  out('{"code":"7150","name":"Finance charge write-off","role":"fc_write_off"},');
  out('{"code":"7160","name":"Small balance write-off","role":"write_off"}],"periods":[');
  out('{"name":"2026-05","start":"2026-05-01","end":"2026-05-31","closed":true},');
  out(`{"name":"${BENCH_OPEN_PERIOD}","start":"2026-06-01","end":"2026-06-30","closed":false}],`);
}

function writeCustomers(out: Out, count: number): void {
  out('"customers":[');
  for (let c = 0; c < count; c += 1) {
    out(`${c ? ',' : ''}{"id":"${customerId(c)}","name":"${customerName(c)}"}`);
  }
  out('],');
}

function writeInvoices(out: Out, spec: ArFileSpec): void {
  const rng = seededRandom(spec.seed);
  out('"invoices":[');
  for (let i = 0; i < spec.invoices; i += 1) {
    // Invoices go round the customers so each has a similar number; dates are random.
    const customer = customerId(i % spec.customers);
    const dayMs = FIRST_INVOICE_DAY + Math.floor(rng() * DATE_SPAN_DAYS) * DAY_MS;
    const date = isoDay(dayMs);
    out(`${i ? ',' : ''}{"number":"${invoiceNumber(i)}","customer":"${customer}",`);
    out(`"date":"${date}","dueDate":"${isoDay(dayMs + 30 * DAY_MS)}","lines":[`);
    const kind = rng();
    const paid =
      spec.partlyPaidEvery !== undefined && i % spec.partlyPaidEvery === spec.partlyPaidEvery - 1;
    if (kind < 0.03) {
      const credit = 500 + Math.floor(rng() * 20000);
      out(line(1, 'Credit memo', -1, paid ? credit >> 1 : credit, 0, 0, 0));
    } else writeWorkLines(out, rng, spec.linesPerInvoice, kind < 0.25, paid);
    out(']}');
  }
  out('],');
}

// 22% of invoices are small balances (under about $30 a line), the rest ordinary work; a third
// of the lines carry retainage and the last line of late invoices a finance charge.
function writeWorkLines(
  out: Out,
  rng: () => number,
  count: number,
  small: boolean,
  paid: boolean,
): void {
  const late = rng() < 0.6;
  for (let l = 1; l <= count; l += 1) {
    const drawn = small ? 100 + Math.floor(rng() * 2500) : 5000 + Math.floor(rng() * 500000);
    // Halving the work part keeps tax, retainage and finance charge within due.
    const base = paid && l === 1 ? drawn >> 1 : drawn;
    const tax = Math.floor((base * 7) / 100);
    const retainage = rng() < 0.33 ? Math.floor(base / 10) : 0;
    const fc = late && (l === count || rng() < 0.2) ? Math.floor((base * 3) / 100) + 1 : 0;
    out(`${l > 1 ? ',' : ''}${line(l, 'Work item', 1, base, tax, retainage, fc)}`);
  }
}

function line(
  n: number,
  description: string,
  sign: 1 | -1,
  baseMinor: number,
  taxMinor: number,
  retainageMinor: number,
  fcMinor: number,
): string {
  const due = usd(sign * (baseMinor + taxMinor + fcMinor));
  const part = (minor: number) => usd(sign * minor);
  return `{"line":${n},"description":"${description} ${n}","due":"${due}","tax":"${part(taxMinor)}","retainage":"${part(retainageMinor)}","financeCharge":"${part(fcMinor)}"}`;
}

function writeOnAccount(out: Out, spec: ArFileSpec): void {
  const rng = seededRandom(spec.seed + 1);
  out('"onAccount":[');
  for (let p = 0; p < spec.onAccount; p += 1) {
    const customer = customerId(Math.floor(rng() * spec.customers));
    const date = isoDay(FIRST_INVOICE_DAY + Math.floor(rng() * DATE_SPAN_DAYS) * DAY_MS);
    // Mostly unapplied payments (credits); a few debit adjustments.
    const amount = usd((rng() < 0.9 ? -1 : 1) * (100 + Math.floor(rng() * 50000)));
    out(`${p ? ',' : ''}{"id":"P${String(p).padStart(7, '0')}","customer":"${customer}",`);
    out(`"date":"${date}","amount":"${amount}"}`);
  }
  out(']}');
}

function parseArgs(argv: readonly string[]): { out: string; spec: ArFileSpec } {
  const [out, ...rest] = argv;
  if (out === undefined || out.startsWith('--')) {
    throw new Error('usage: generate-ar-file.ts OUT.json [--seed N] [--customers N] …');
  }
  const flags = new Map<string, number>();
  for (let i = 0; i < rest.length; i += 2) {
    const value = Number(rest[i + 1]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${rest[i]}: not a whole number`);
    flags.set(String(rest[i]).replace(/^--/, ''), value);
  }
  const spec: ArFileSpec = {
    seed: flags.get('seed') ?? 42,
    customers: flags.get('customers') ?? 20_000,
    invoices: flags.get('invoices') ?? 200_000,
    linesPerInvoice: flags.get('lines') ?? 5,
    onAccount: flags.get('on-account') ?? 20_000,
  };
  return { out, spec };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { out, spec } = parseArgs(process.argv.slice(2));
  writeArFile(out, spec);
  console.log(`wrote ${out}: ${JSON.stringify(spec)}`);
}
