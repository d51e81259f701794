// The command line end to end, as an integration would run it: child processes on a temp
// database file (`npm run --silent writeoff --` and the package bin), import → previews →
// submit and approve through the use-cases on the same file → export. The preview JSON is a
// contract (docs/cli.md) and is compared field by field. Demo and usage errors run in-process in
// cli-commands.test.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { previewAutomaticRun, previewManualRequest } from '../../src/app/preview-write-off.ts';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { openDatabase } from '../../src/db/client.ts';
import { databaseOf } from '../../src/db/sqlite-store.ts';
import { appDeps, CLERK, TEST_REASON, unwrap } from '../support/app.ts';
import { DOCS_FC_PREVIEW, docsExampleArFile } from '../support/docs-example.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/writeoff.mjs');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-cli-'));
const db = join(dir, 'nested', 'ledger.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the package bin from another cwd (it must work from anywhere). */
async function writeoff(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Through npm, exactly as docs/cli.md documents it. */
async function npmWriteoff(...args: string[]): Promise<Outcome> {
  const { stdout, stderr } = await exec('npm', ['run', '--silent', 'writeoff', '--', ...args], {
    cwd: ROOT,
  });
  return { code: 0, stdout, stderr };
}

const AUTO_FC = [
  'auto',
  '--type',
  'finance-charge',
  '--value',
  '50',
  '--fc-percent',
  'from-line-1',
  '--older-than',
  '2026-06-01',
  '--period',
  '2026-06',
  '--date',
  '2026-06-15',
  '--json',
];

beforeAll(async () => {
  const file = join(dir, 'ar.json');
  writeFileSync(file, JSON.stringify(docsExampleArFile()));
  const imported = await writeoff('import', file, '--db', db);
  expect(imported).toMatchObject({ code: 0, stderr: '' });
  expect(imported.stdout).toContain('Invoices: 3 new');
});

describe('writeoff CLI on a database file', () => {
  it('auto --json prints the docs/cli.md example, field by field (through npm run)', async () => {
    const { stdout } = await npmWriteoff(...AUTO_FC, '--db', db);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual([
      'mode',
      'currency',
      'period',
      'date',
      'total',
      'items',
      'skipped',
      'journal',
    ]);
    expect(json).toEqual(DOCS_FC_PREVIEW);
    expect(Object.keys(json.items[0].lines[0])).toEqual([
      'line',
      'amount',
      'tax',
      'retainage',
      'financeCharge',
      'account',
    ]);
  });

  it('manual --json previews a request file (package bin, another cwd)', async () => {
    const request = join(dir, 'request.json');
    writeFileSync(
      request,
      JSON.stringify({
        customer: 'C100',
        period: '2026-06',
        date: '2026-06-15',
        method: 'entry',
        account: '7100',
        comment: 'Chapter 7 bankruptcy',
        invoices: [{ invoice: '1002', amount: '40.00' }, { invoice: '1004' }],
      }),
    );
    const { code, stdout } = await writeoff('manual', '--request', request, '--json', '--db', db);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      mode: 'manual',
      currency: 'USD',
      period: '2026-06',
      date: '2026-06-15',
      total: '0.00',
      items: [
        {
          customer: 'C100',
          invoice: '1002',
          total: '40.00',
          lines: [
            {
              line: 1,
              amount: '40.00',
              tax: '0.00',
              retainage: '0.00',
              financeCharge: '0.00',
              account: '7100',
            },
          ],
        },
        {
          customer: 'C100',
          invoice: '1004',
          total: '-40.00',
          lines: [
            {
              line: 1,
              amount: '10.00',
              tax: '0.00',
              retainage: '0.00',
              financeCharge: '10.00',
              account: '7100',
            },
            {
              line: 2,
              amount: '-50.00',
              tax: '0.00',
              retainage: '0.00',
              financeCharge: '0.00',
              account: '7100',
            },
          ],
        },
      ],
      skipped: [],
      journal: [
        { account: '1200', debit: '10.00', credit: '0.00' },
        { account: '1250', debit: '0.00', credit: '10.00' },
        { account: '7150', debit: '10.00', credit: '0.00' },
        { account: '7100', debit: '0.00', credit: '10.00' },
      ].sort((a, b) => (a.account < b.account ? -1 : 1)),
    });
  });

  it('errors: exit 1, one message per problem on stderr, nothing on stdout', async () => {
    const bad = await writeoff(
      'auto',
      '--type',
      'finance-charge',
      '--value',
      '150',
      '--fc-percent',
      'all-lines',
      '--older-than',
      '2026-13-01',
      '--period',
      '2026-05',
      '--db',
      db,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toEqual([
      'error: value: "150" is not a percentage greater than 0 and at most 100.',
      'error: --older-than: "2026-13-01" is not a calendar date (use YYYY-MM-DD).',
      'error: Period 2026-05 is closed. The earliest open period is 2026-06.',
    ]);
  });

  it('submit and approve through the use-cases, then export posts the journal lines', async () => {
    const deps = appDeps(openDatabase(db));
    unwrap(grantRole(deps, { by: 'system:test', userId: 'U_APPROVER', role: 'approver' }));
    unwrap(
      setApproverLimit(deps, {
        by: 'system:test',
        userId: 'U_APPROVER',
        currency: 'USD',
        amount: '1000',
      }),
    );
    const run = unwrap(
      previewAutomaticRun(deps, {
        type: 'finance-charge',
        value: '50',
        fcPercent: 'from-line-1',
        olderThan: '2026-06-01',
        period: '2026-06',
        date: '2026-06-15',
      }),
    );
    const fcId = unwrap(
      submitRequest(deps, { ...TEST_REASON, ...run, requester: CLERK }),
    ).requestId;
    unwrap(approveRequest(deps, { requestId: fcId, approver: 'U_APPROVER' }));
    const manual = unwrap(
      previewManualRequest(deps, {
        customerId: 'C100',
        period: '2026-06',
        date: '2026-06-15',
        method: 'line-item',
        invoices: [
          { invoice: '1002', amount: '40.00', account: '7160', comment: 'small, "final"' },
        ],
      }),
    );
    const manualId = unwrap(
      submitRequest(deps, { ...TEST_REASON, ...manual, requester: CLERK }),
    ).requestId;
    unwrap(approveRequest(deps, { requestId: manualId, approver: 'U_APPROVER' }));
    databaseOf(deps.store).close();

    const csv = await writeoff('export', '--period', '2026-06', '--db', db);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')).toEqual([
      'entry_id,reference,kind,request_id,period,date,account,debit,credit,customer,invoice,line,on_account,reason',
      `1,write-off:${fcId},write_off,${fcId},2026-06,2026-06-15,7150,36.00,0.00,C100,1001,1,,uncollectible`,
      `1,write-off:${fcId},write_off,${fcId},2026-06,2026-06-15,1250,0.00,36.00,C100,1001,1,,uncollectible`,
      `1,write-off:${fcId},write_off,${fcId},2026-06,2026-06-15,7150,16.50,0.00,C100,1001,2,,uncollectible`,
      `1,write-off:${fcId},write_off,${fcId},2026-06,2026-06-15,1250,0.00,16.50,C100,1001,2,,uncollectible`,
      `2,write-off:${manualId},write_off,${manualId},2026-06,2026-06-15,7160,40.00,0.00,C100,1002,1,,uncollectible`,
      `2,write-off:${manualId},write_off,${manualId},2026-06,2026-06-15,1200,0.00,40.00,C100,1002,1,,uncollectible`,
      '',
    ]);
    const json = await writeoff('export', '--period', '2026-06', '--format', 'json', '--db', db);
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({ period: '2026-06', currency: 'USD' });
    expect(parsed.lines).toHaveLength(6);
    expect(parsed.lines[0]).toEqual({
      entry_id: '1',
      reference: `write-off:${fcId}`,
      kind: 'write_off',
      request_id: fcId,
      period: '2026-06',
      date: '2026-06-15',
      account: '7150',
      debit: '36.00',
      credit: '0.00',
      customer: 'C100',
      invoice: '1001',
      line: '1',
      on_account: '',
      reason: 'uncollectible',
    });
    // After posting, the run sees only what is left (10.50 + 42.00 FC, half poured).
    const again = JSON.parse((await writeoff(...AUTO_FC, '--db', db)).stdout);
    expect(again.items[0].lines.map((l: { amount: string }) => l.amount)).toEqual([
      '10.50',
      '15.75',
    ]);
    const audit = await writeoff('audit', '--request', fcId, '--db', db);
    expect(audit.stdout).toMatch(/submitted[\s\S]*approved[\s\S]*posted/);
  });
});
