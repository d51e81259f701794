// What a person typing commands sees when their input is wrong, through the real CLI process
// (the package bin): broken JSON named by line and column, one root problem instead of a
// cascade, request-file problems in plain sentences, unknown currencies refused, every missing
// `auto` option named at once.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { smallArFile } from '../support/db.ts';

const exec = promisify(execFile);
const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/writeoff.mjs');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-msg-'));
const db = join(dir, 'ledger.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stdout: string;
  errors: string[];
}

async function writeoff(...args: string[]): Promise<Outcome> {
  const lines = (text: string) => text.trim().split('\n').filter(Boolean);
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: dir });
    return { code: 0, stdout, errors: lines(stderr) };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, errors: lines(e.stderr) };
  }
}

function file(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return path;
}

// Every test runs the CLI as a child process: generous time on a loaded machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

beforeAll(async () => {
  expect((await writeoff('import', file('ar.json', smallArFile()), '--db', db)).code).toBe(0);
});

describe('import: broken JSON', () => {
  it('a trailing comma is named by line and column', async () => {
    const broken = file('comma.json', '{"version":1,"currency":"USD",}');
    const result = await writeoff('import', broken, '--db', join(dir, 'x.db'));
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      "error: not valid JSON at line 1, column 31: a comma before '}' (JSON allows no trailing comma)",
    ]);
  });

  it('a missing colon deep in a pretty-printed file is named by its own line and column', async () => {
    const text = JSON.stringify(smallArFile(), null, 2);
    const at = text.indexOf('"dueDate":', 1400);
    const broken = `${text.slice(0, at + 9)}${text.slice(at + 10)}`;
    const before = broken.slice(0, at + 9).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 2; // the value after `"dueDate" `
    const result = await writeoff('import', file('colon.json', broken), '--db', db);
    expect(result.code).toBe(1);
    expect(line).toBeGreaterThan(40);
    expect(result.errors).toEqual([
      `error: not valid JSON at line ${line}, column ${column}: expected ':' after a field name`,
    ]);
  });
});

describe('import: one root problem, no cascade', () => {
  it('a customer with an empty name is reported once, not again for each of its invoices', async () => {
    const ar = smallArFile();
    const c100 = ar.customers[0];
    if (c100) c100.name = '';
    const result = await writeoff('import', file('empty-name.json', ar), '--db', db);
    expect(result.code).toBe(1);
    expect(result.errors).toEqual(['error: customers[0].name: must not be empty']);
  });

  it('an account with a bad name still counts for the chart (no "no account with role")', async () => {
    const ar = smallArFile();
    const receivable = ar.accounts[0];
    if (receivable) receivable.name = '  ';
    const result = await writeoff('import', file('bad-account.json', ar), '--db', db);
    expect(result.errors).toEqual(['error: accounts[0].name: must not be empty']);
  });
});

describe('manual request file', () => {
  it('names each problem by path in a plain sentence, not validation-library text', async () => {
    const request = file('req.json', { customer: 5, method: 'entry', invoices: [] });
    const result = await writeoff('manual', '--request', request, '--db', db);
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      `error: request file ${request}: customer: must be a string`,
      `error: request file ${request}: period: is required`,
      `error: request file ${request}: invoices: must list at least one invoice, or be "all"`,
    ]);
    const items = file('req2.json', {
      customer: 'C100',
      period: '2026-06',
      method: 'entry',
      invoices: [{ amount: 5 }],
    });
    const second = await writeoff('manual', '--request', items, '--db', db);
    expect(second.errors).toEqual([
      `error: request file ${items}: invoices[0].invoice: is required`,
      `error: request file ${items}: invoices[0].amount: must be a string`,
    ]);
  });
});

describe('manual request file: broken JSON', () => {
  it('is named by line and column, like a broken A/R file', async () => {
    const request = file('broken-req.json', '{\n  "customer": "C100",\n  "period" "2026-06"\n}');
    const result = await writeoff('manual', '--request', request, '--db', db);
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      `error: request file ${request}: not valid JSON at line 3, column 12: expected ':' after a field name`,
    ]);
  });
});

describe('roles limit', () => {
  it('refuses a currency that is not ISO 4217', async () => {
    const result = await writeoff('roles', 'limit', 'U123', 'UDS', '100.00', '--db', db);
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      'error: currency: "UDS" is not an ISO 4217 currency code (such as USD, EUR, GBP)',
    ]);
    const ok = await writeoff('roles', 'limit', 'U123', 'EUR', '100.00', '--db', db);
    expect(ok.code).toBe(0);
  });
});

describe('auto', () => {
  it('names every missing option at once', async () => {
    const result = await writeoff('auto', '--db', db);
    expect(result.code).toBe(2);
    expect(result.errors).toEqual([
      'error: required options not specified: --type <type>, --value <n>, --older-than <date>, --period <name>',
      '(add --help for usage)',
    ]);
  });

  it('--older-than with a bare number hints at the days form', async () => {
    const result = await writeoff(
      'auto',
      '--type',
      'invoice-balance',
      '--value',
      '200',
      '--older-than',
      '60',
      '--period',
      '2026-06',
      '--db',
      db,
    );
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      'error: --older-than: "60" is not a calendar date (use YYYY-MM-DD, or 60d for 60 days before the write-off date).',
    ]);
  });
});
