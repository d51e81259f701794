// Measures a large A/R import: 200k invoices / 1M lines (5 lines each) plus 20k on-account
// items, generated deterministically to a temp dir. The import runs in a child process so
// its peak RSS is its own. Not part of `npm test`.
//   npx tsx bench/import.ts [invoices=200000] [linesPerInvoice=5]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Out, usd, writeBuffered } from '../scripts/generate-ar-file.ts';
import { seededRandom } from '../src/app/demo-data.ts';
import { importArFile } from '../src/app/import-ar-file.ts';
import { openDatabase } from '../src/db/client.ts';

const CUSTOMERS = 20_000;

function generate(path: string, invoiceCount: number, linesPerInvoice: number): void {
  writeBuffered(path, (out) => writeBenchFile(out, invoiceCount, linesPerInvoice));
}

function writeBenchFile(out: Out, invoiceCount: number, linesPerInvoice: number): void {
  const rng = seededRandom(42);
  out('{"version":1,"currency":"USD","timezone":"America/New_York","accounts":[');
  out(
    '{"code":"1200","name":"AR","role":"ar"},{"code":"1210","name":"Ret","role":"ar_retainage"},',
  );
  out(
    '{"code":"1250","name":"FC","role":"fc_receivable"},{"code":"2200","name":"Tax","role":"tax_payable"},',
  );
  out('{"code":"7100","name":"Bad debt","role":"write_off","default":true},');
  out('{"code":"7150","name":"FC w/o","role":"fc_write_off"}],');
  out(
    '"periods":[{"name":"2026-06","start":"2026-06-01","end":"2026-06-30","closed":false}],"customers":[',
  );
  for (let c = 0; c < CUSTOMERS; c += 1)
    out(`${c ? ',' : ''}{"id":"C${100000 + c}","name":"Customer ${c}"}`);
  out('],"invoices":[');
  for (let i = 0; i < invoiceCount; i += 1) {
    const customer = 100000 + Math.floor(rng() * CUSTOMERS);
    out(`${i ? ',' : ''}{"number":"${1000000 + i}","customer":"C${customer}","date":"2026-03-01",`);
    out('"dueDate":"2026-03-31","lines":[');
    for (let l = 1; l <= linesPerInvoice; l += 1) {
      const base = 1000 + Math.floor(rng() * 500000);
      const tax = Math.floor(base / 14);
      const fc = l === linesPerInvoice ? Math.floor(base / 50) : 0;
      out(
        `${l > 1 ? ',' : ''}{"line":${l},"description":"Work item ${l}","due":"${usd(base + tax + fc)}",`,
      );
      out(
        `"tax":"${usd(tax)}","retainage":"${usd(Math.floor(base / 10))}","financeCharge":"${usd(fc)}"}`,
      );
    }
    out(']}');
  }
  out('],"onAccount":[');
  for (let p = 0; p < 20_000; p += 1) {
    out(
      `${p ? ',' : ''}{"id":"P-${p}","customer":"C${100000 + (p % CUSTOMERS)}","date":"2026-03-05","amount":"-12.50"}`,
    );
  }
  out(']}');
}

function runImport(file: string, dbPath: string): void {
  const database = openDatabase(dbPath);
  for (const label of ['first import', 're-import (unchanged)']) {
    const started = process.hrtime.bigint();
    const result = importArFile(database, file, Date.now());
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!result.ok) throw new Error(JSON.stringify(result.error.slice(0, 5)));
    const { invoices, lines, onAccount } = result.value;
    console.log(
      `${label}: ${seconds.toFixed(1)} s, ${lines} lines, invoices ${JSON.stringify(invoices)}, on-account ${JSON.stringify(onAccount)}`,
    );
  }
  console.log(
    `peak RSS of the import process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  );
  database.close();
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'run' && a !== undefined && b !== undefined) {
  runImport(a, b);
} else {
  const invoices = Number(mode ?? 200_000);
  const linesPerInvoice = Number(a ?? 5);
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-bench-'));
  try {
    const file = join(dir, 'ar.json');
    const started = Date.now();
    generate(file, invoices, linesPerInvoice);
    const mb = (statSync(file).size / 2 ** 20).toFixed(0);
    console.log(
      `generated ${invoices} invoices × ${linesPerInvoice} lines: ${mb} MiB in ${Date.now() - started} ms`,
    );
    execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), 'run', file, join(dir, 'bench.db')],
      {
        stdio: 'inherit',
      },
    );
  } finally {
    if (process.env.KEEP_BENCH_FILE === undefined) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}
