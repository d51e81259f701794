// The commands in-process through runCli (the same code the bin runs), with a captured io and
// a fixed clock: exit codes, one stderr line per problem, nothing written on error, defaults.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/context.ts';
import { csvField } from '../../src/cli/export-command.ts';
import { openDatabase } from '../../src/db/client.ts';
import { runCliIn } from '../support/cli.ts';
import { dumpDatabase, smallArFile } from '../support/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'ledger.db');
const arFile = join(dir, 'ar.json');

function cli(args: string[], over: Partial<CliIo> = {}) {
  // 03:00 UTC on 16 June is still 15 June in New York (the file's time zone).
  const outcome = runCliIn(dir, () => new Date(Date.UTC(2026, 5, 16, 3, 0, 0)), args, over);
  return { ...outcome, errors: outcome.stderr.trim().split('\n').filter(Boolean) };
}

function snapshot(path: string) {
  const database = openDatabase(path);
  try {
    return dumpDatabase(database);
  } finally {
    database.close();
  }
}

function requestFile(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

beforeAll(() => {
  writeFileSync(arFile, JSON.stringify(smallArFile()));
  expect(cli(['import', arFile, '--db', db]).code).toBe(0);
});

describe('import', () => {
  it('a bad file: exit 1, every problem by path, and no database file left behind', () => {
    const file = smallArFile();
    const first = file.invoices[0]?.lines[0];
    if (first) first.due = '1.001';
    file.invoices[1] = { ...file.invoices[1], date: '2026-02-30' } as (typeof file.invoices)[1];
    const bad = requestFile('bad-ar.json', file);
    const target = join(dir, 'fresh', 'bad.db');
    const result = cli(['import', bad, '--db', target]);
    expect(result.code).toBe(1);
    expect(result.errors.length).toBeGreaterThanOrEqual(2);
    expect(result.errors.some((e) => e.includes('invoices[0].lines[0].due'))).toBe(true);
    expect(existsSync(target)).toBe(false);
  });

  it('a missing or unreadable file is one plain message, without a JSON path', () => {
    const target = join(dir, 'never.db');
    const missing = cli(['import', join(dir, 'nope.json'), '--db', target]);
    expect(missing.code).toBe(1);
    expect(missing.errors).toEqual([`error: cannot read ${join(dir, 'nope.json')}: ENOENT`]);
    const notJson = cli(['import', requestFile('not-json.json', 'not json'), '--db', target]);
    expect(notJson.errors).toEqual(['error: not valid JSON at line 1, column 9: expected a value']);
    expect(existsSync(target)).toBe(false);
  });

  it('uses WRITEOFF_DB, else ./data/writeoff.db under the cwd (creating data/)', () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    expect(cli(['import', arFile], { cwd }).code).toBe(0);
    expect(existsSync(join(cwd, 'data', 'writeoff.db'))).toBe(true);
    const envPath = join(cwd, 'env', 'x.db');
    expect(cli(['import', arFile], { cwd, defaultDbPath: envPath }).code).toBe(0);
    expect(existsSync(envPath)).toBe(true);
  });
});

describe('manual', () => {
  const request = {
    customer: 'C100',
    period: '2026-06',
    method: 'entry',
    comment: 'Customer in liquidation',
    invoices: [{ invoice: '1001' }, { invoice: '1002', amount: '40.00' }],
  };

  it('previews with the date defaulting to today in the company time zone, writing nothing', () => {
    const before = snapshot(db);
    const result = cli([
      'manual',
      '--request',
      requestFile('r1.json', request),
      '--json',
      '--db',
      db,
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ date: '2026-06-15', total: '183.00' });
    expect(snapshot(db)).toEqual(before);
  });

  it('prints a readable table without --json', () => {
    const result = cli(['manual', '--request', requestFile('r2.json', request), '--db', db]);
    expect(result.stdout).toContain('Total 183.00 in 2 item(s)');
    expect(result.stdout).toMatch(/C100\s+invoice 1002\s+1\s+40\.00/);
  });

  it('one stderr line per problem of the request', () => {
    const bad = {
      ...request,
      period: '2026-05',
      invoices: [{ invoice: '1001', amount: '500.00' }, { invoice: '9999' }],
    };
    const result = cli(['manual', '--request', requestFile('r3.json', bad), '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.errors).toEqual([
      'error: Period 2026-05 is closed. The earliest open period is 2026-06.',
      'error: Invoice 1001: amount $500.00 is more than the open balance $143.00.',
      'error: Invoice 9999 is not an open invoice of customer C100.',
    ]);
  });

  it('names bad request-file fields by path, and bad JSON', () => {
    const wrong = { ...request, method: 'both', invoices: [{ invoice: '1001', amount: 5 }] };
    const result = cli(['manual', '--request', requestFile('r4.json', wrong), '--db', db]);
    expect(result.code).toBe(1);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/r4\.json: method: /);
    expect(result.errors[1]).toMatch(/r4\.json: invoices\[0\]\.amount: /);
    const json = cli(['manual', '--request', requestFile('r5.json', '{ nope'), '--db', db]);
    expect(json.errors).toEqual([expect.stringMatching(/r5\.json: not valid JSON/)]);
  });

  it('a missing database is an error and is not created', () => {
    const missing = join(dir, 'missing.db');
    const result = cli(['manual', '--request', requestFile('r6.json', request), '--db', missing]);
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      `error: No database at ${missing}: run "writeoff import FILE" or "writeoff demo" first.`,
    ]);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('auto', () => {
  const base = ['auto', '--type', 'invoice-balance', '--value', '200', '--period', '2026-06'];

  it('--older-than Nd means N days before the write-off date', () => {
    const days = cli([
      ...base,
      '--older-than',
      '76d',
      '--date',
      '2026-06-15',
      '--json',
      '--db',
      db,
    ]);
    const date = cli([
      ...base,
      '--older-than',
      '2026-03-31',
      '--date',
      '2026-06-15',
      '--json',
      '--db',
      db,
    ]);
    expect(days.code).toBe(0);
    expect(JSON.parse(days.stdout)).toEqual(JSON.parse(date.stdout));
    expect(JSON.parse(days.stdout).items.map((i: { invoice: string }) => i.invoice)).toEqual([
      '1001',
    ]);
  });

  it('a malformed range is a user error; a missing flag is a usage error', () => {
    const range = cli([...base, '--older-than', '90d', '--customers', 'C100', '--db', db]);
    expect(range.code).toBe(1);
    expect(range.errors).toEqual([
      'error: --customers: "C100" is not a range like FROM..TO (e.g. C100..C199)',
    ]);
    expect(cli([...base, '--db', db]).code).toBe(2);
    expect(cli(['frobnicate']).code).toBe(2);
    expect(cli(['--help']).code).toBe(0);
  });

  it('a usage error is one message and a hint, not the whole help text', () => {
    const bad = cli(['export', '--period', '2026-06', '--format', 'xml', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.errors).toEqual([
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are csv, json.",
      '(add --help for usage)',
    ]);
    expect(cli(['frobnicate']).errors).toEqual([
      "error: unknown command 'frobnicate'",
      '(add --help for usage)',
    ]);
  });

  it('manual --help shows the request file, not only a reference to the docs', () => {
    const help = cli(['manual', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('"invoices": [ { "invoice": "1001" }');
    expect(help.stdout).toContain('"invoices": "all"');
    expect(help.stdout).toContain('"method": "line-item"');
  });
});

describe('demo', () => {
  it('creates a database with the demo data, and refuses one that holds data', () => {
    const demo = join(dir, 'demo', 'demo.db');
    const first = cli(['demo', '--db', demo]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/40 customers, 600 invoices .* dated 2026-06-15\.\n$/);
    const second = cli(['demo', '--db', demo]);
    expect(second.code).toBe(1);
    expect(second.errors).toEqual([
      `error: ${demo} already holds data; demo only fills an empty database. Use --db with a new file.`,
    ]);
    expect(cli(['demo', '--db', db]).code).toBe(1);
  });
});

describe('roles, audit, export, requests', () => {
  it('grants, limits, lists and revokes roles', () => {
    expect(cli(['roles', 'grant', 'U1', 'approver', '--db', db]).stdout).toBe(
      'Role approver granted to U1.\n',
    );
    expect(cli(['roles', 'limit', 'U1', 'USD', '2500.50', '--db', db]).code).toBe(0);
    expect(cli(['roles', 'list', '--db', db]).stdout).toBe('U1  approver  limit 2500.50 USD\n');
    const bad = cli(['roles', 'grant', 'U1', 'boss', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.errors).toEqual([
      'error: role: "boss" is not one of clerk, approver, manager, admin',
    ]);
    expect(cli(['roles', 'limit', 'U1', 'USD', '1.001', '--db', db]).code).toBe(1);
    expect(cli(['roles', 'revoke', 'U1', 'approver', '--db', db]).code).toBe(0);
    const fresh = join(dir, 'roles-only.db');
    expect(cli(['roles', 'grant', 'U1', 'boss', '--db', fresh]).code).toBe(1);
    expect(existsSync(fresh)).toBe(false);
    expect(cli(['roles', 'grant', 'U1', 'admin', '--db', fresh]).code).toBe(0);
    expect(existsSync(fresh)).toBe(true);
  });

  it('refuses what is not a Slack user id, before creating a database', () => {
    const fresh = join(dir, 'no-user.db');
    for (const user of ['alice', '@U123ABC', 'u123abc']) {
      for (const args of [
        ['roles', 'grant', user, 'approver'],
        ['roles', 'revoke', user, 'approver'],
        ['roles', 'limit', user, 'USD', '10.00'],
      ]) {
        const result = cli([...args, '--db', fresh]);
        expect(result.code).toBe(1);
        expect(result.errors).toEqual([
          `error: user: "${user}" is not a Slack user id like U0123ABCD (Slack profile → ⋮ → Copy member ID)`,
        ]);
      }
    }
    expect(existsSync(fresh)).toBe(false);
  });

  it('audit, export and reverse name unknown requests and periods', () => {
    expect(cli(['audit', '--request', 'WO-000404', '--db', db]).errors).toEqual([
      'error: Write-off request WO-000404 does not exist.',
    ]);
    expect(cli(['export', '--period', '1999-01', '--db', db]).errors).toEqual([
      'error: Period 1999-01 does not exist. Periods: 2026-05, 2026-06, 2026-07.',
    ]);
    const reverse = cli([
      'reverse',
      '--request',
      'WO-000404',
      '--by',
      'U1',
      '--reason',
      'x',
      '--db',
      db,
    ]);
    expect(reverse.errors).toEqual(['error: Write-off request WO-000404 does not exist.']);
    expect(cli(['export', '--period', '2026-05', '--db', db]).stdout).toBe(
      'entry_id,reference,kind,request_id,period,date,account,debit,credit,customer,invoice,line,on_account,reason\r\n',
    );
    expect(cli(['requests', '--db', db])).toMatchObject({ code: 0, stdout: 'No requests.\n' });
  });

  it('quotes CSV fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
