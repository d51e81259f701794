// What a newcomer meets first: the shipped examples import and preview with the figures the docs
// show, `.env` chooses the CLI's database (through the real bin, in a temp cwd), and the messages
// for an empty request list, an empty `--period` and an Entry request without a comment.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/context.ts';
import { runCliIn } from '../support/cli.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/writeoff.mjs');
const AR_FILE = join(ROOT, 'examples/ar-small.json');
const REQUEST_FILE = join(ROOT, 'examples/manual-request.json');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-first-hour-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'example.db');

function cli(args: string[], over: Partial<CliIo> = {}) {
  return runCliIn(dir, () => new Date(Date.UTC(2026, 5, 15, 14, 0, 0)), args, over);
}

async function bin(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  expect(cli(['import', AR_FILE, '--db', db])).toMatchObject({ code: 0, stderr: '' });
});

describe('the examples/ files', () => {
  it('manual-request.json previews the entry docs/write-off-rules.md works through', () => {
    const result = cli(['manual', '--request', REQUEST_FILE, '--db', db, '--json']);
    expect(result.code).toBe(0);
    const preview = JSON.parse(result.stdout);
    expect(preview.total).toBe('147.00');
    expect(preview.items[1].lines).toEqual([
      expect.objectContaining({ line: 1, amount: '30.29', tax: '1.71', retainage: '2.86' }),
      expect.objectContaining({ line: 2, amount: '9.71', financeCharge: '0.57' }),
    ]);
    expect(preview.journal).toEqual([
      { account: '1200', debit: '0.00', credit: '143.57' },
      { account: '1210', debit: '0.00', credit: '2.86' },
      { account: '1250', debit: '0.00', credit: '0.57' },
      { account: '2200', debit: '8.71', credit: '0.00' },
      { account: '7100', debit: '137.72', credit: '0.00' },
      { account: '7150', debit: '0.57', credit: '0.00' },
    ]);
  });

  it('the finance-charge examples of the docs: from line 1 pours, a polarity invoice is skipped', () => {
    const result = cli([
      ...['auto', '--type', 'finance-charge', '--value', '50', '--fc-percent', 'from-line-1'],
      ...['--older-than', '2026-06-01', '--date', '2026-06-15', '--period', '2026-06'],
      ...['--db', db, '--json'],
    ]);
    const preview = JSON.parse(result.stdout);
    expect(preview.total).toBe('55.00');
    expect(preview.skipped).toEqual([{ customer: 'C100', invoice: '1004', reason: 'polarity' }]);
  });
});

describe('messages', () => {
  it('requests on a ledger without requests says so', () => {
    expect(cli(['requests', '--db', db])).toEqual({
      code: 0,
      stdout: 'No requests.\n',
      stderr: '',
    });
  });

  it('export --period "" names the empty option and the periods there are', () => {
    expect(cli(['export', '--period', '', '--db', db])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: --period is empty: give a period name such as 2026-06. Periods: 2026-05, 2026-06.\n',
    });
  });

  it('manual refuses an Entry request without a comment, as the Slack form does', () => {
    const file = join(dir, 'no-comment.json');
    writeFileSync(
      file,
      JSON.stringify({
        customer: 'C100',
        period: '2026-06',
        method: 'entry',
        comment: '  ',
        invoices: [{ invoice: '1001' }],
      }),
    );
    const result = cli(['manual', '--request', file, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: request file ${file}: comment: required with "method": "entry" (why the invoices are written off; the approver and the auditors read it)\n`,
    );
  });
});

describe('.env', () => {
  it('the bin takes WRITEOFF_DB from .env in the cwd and says so; the real environment wins', async () => {
    const cwd = mkdtempSync(join(dir, 'env-'));
    writeFileSync(join(cwd, '.env'), 'WRITEOFF_DB=./from-env.db\n');
    const env = { ...process.env };
    delete env.WRITEOFF_DB;
    const fromFile = await bin(cwd, env, 'import', AR_FILE);
    expect(fromFile.code).toBe(0);
    expect(existsSync(join(cwd, 'from-env.db'))).toBe(true);
    expect(fromFile.stderr).toBe(
      `database ${join(cwd, 'from-env.db')} (WRITEOFF_DB from ${join(cwd, '.env')})\n`,
    );
    const fromEnv = await bin(cwd, { ...env, WRITEOFF_DB: './real.db' }, 'import', AR_FILE);
    expect(fromEnv).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(cwd, 'real.db'))).toBe(true);
  });
});
