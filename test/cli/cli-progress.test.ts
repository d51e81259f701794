// Long CLI work shows progress on stderr: plain lines when stderr is not a terminal (through the
// real bin, as in a pipe or CI), a redrawn bar on a terminal; stdout keeps only the result, so
// `--json` still parses. Small files and runs print no progress at all.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeArFile } from '../../scripts/generate-ar-file.ts';
import { runCli } from '../../src/cli/program.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/writeoff.mjs');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bigFile = join(dir, 'big.json');
const db = join(dir, 'big.db');

// About 2.2 MiB and 600 customers: above both thresholds.
beforeAll(() => {
  writeArFile(bigFile, {
    seed: 7,
    customers: 600,
    invoices: 7000,
    linesPerInvoice: 2,
    onAccount: 100,
  });
});

const AUTO = ['auto', '--type', 'invoice-balance', '--value', '100'];
const WINDOW = ['--older-than', '2026-06-01', '--date', '2026-06-15', '--period', '2026-06'];

describe('not a terminal', () => {
  it('import and auto write a line per tenth on stderr; stdout is unchanged', async () => {
    const imported = await exec(process.execPath, [BIN, 'import', bigFile, '--db', db]);
    expect(imported.stdout).toMatch(/^Imported .*\nInvoices: 7000 new/);
    const lines = imported.stderr.trim().split('\n');
    expect(lines[0]).toBe('import: 0% (0.0 MiB of 2.2 MiB)');
    expect(lines.at(-1)).toBe('import: 100% (2.2 MiB of 2.2 MiB)');
    expect(lines).toHaveLength(11);

    const run = await exec(process.execPath, [BIN, ...AUTO, ...WINDOW, '--db', db, '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ mode: 'invoice-balance' });
    expect(run.stderr.trim().split('\n').at(-1)).toBe('auto: 100% (600 of 600 customers)');
  }, 120_000);
});

describe('a terminal', () => {
  it('draws a bar on the terminal stream, nothing in the stdout text', () => {
    let drawn = '';
    const terminal = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          drawn += String(chunk);
          done();
        },
      }),
      { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true },
    ) as unknown as NodeJS.WriteStream;
    let stdout = '';
    let stderr = '';
    const code = runCli([...AUTO, ...WINDOW, '--db', db, '--json'], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      defaultDbPath: undefined,
      cwd: dir,
      now: () => new Date(Date.UTC(2026, 5, 15, 14)),
      progressStream: terminal,
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'invoice-balance' });
    expect(stderr).toBe('');
    expect(drawn).toContain('auto [');
    expect(drawn).toContain('customers');
  });
});
