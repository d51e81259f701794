// The policy file and reason codes from the command line, as real child processes: evidence is
// required exactly at and above a reason's threshold, and a changed policy file becomes a new
// recorded version that requests name and `writeoff policy show` lists.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { openDatabase } from '../../src/db/client.ts';
import { listPostedRequests } from '../../src/db/repos/digest.ts';
import { txOf } from '../../src/db/sqlite-store.ts';
import { APPROVER, seedDatabaseFile } from '../slack/approval-helpers.ts';
import { appDeps, unwrap } from '../support/app.ts';

const exec = promisify(execFile);
const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/writeoff.mjs');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-policy-'));
const db = join(dir, 'ledger.db');
const policyFile = join(dir, 'policy.json');
const CLERK = 'U0CLERK01';

async function writeoff(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function policy(disputeEvidenceFrom: string): string {
  return JSON.stringify({
    reasons: [
      { code: 'dispute', label: 'Settled dispute', evidenceFrom: disputeEvidenceFrom },
      { code: 'small_balance', label: 'Small balance', evidenceFrom: null },
    ],
    slaHours: 24,
  });
}

/** A request file writing off `amount` of one invoice, Entry method. */
function requestFile(customer: string, invoice: string, amount: string): string {
  const path = join(dir, `request-${invoice}-${amount}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      customer,
      period: '2026-06',
      date: '2026-06-15',
      method: 'entry',
      account: '7100',
      comment: 'Settled with the customer',
      invoices: [{ invoice, amount }],
    }),
  );
  return path;
}

const submit = (file: string, ...extra: string[]) =>
  writeoff('manual', '--request', file, '--submit', '--as', CLERK, '--db', db, ...extra);

function query<T>(sql: string): T[] {
  const database = openDatabase(db);
  try {
    return database.sqlite.prepare(sql).all() as T[];
  } finally {
    database.close();
  }
}

beforeAll(() => {
  seedDatabaseFile(db).close();
  writeFileSync(policyFile, policy('40.00'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reason codes and evidence from the CLI', () => {
  it('refuses --submit without --reason, and an unknown reason naming the codes', async () => {
    const none = await submit(requestFile('C100', '1002', '10.00'));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('--reason: required with --submit');
    const unknown = await submit(requestFile('C100', '1002', '10.00'), '--reason', 'whim');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      '"whim" is not a reason code of the policy (dispute, small_balance)',
    );
    expect(query('SELECT id FROM write_off_requests')).toEqual([]);
  });

  it('requires evidence exactly at the threshold and above it, not below', async () => {
    for (const amount of ['40.00', '40.01']) {
      const refused = await submit(requestFile('C100', '1002', amount), '--reason', 'dispute');
      expect(refused.code, amount).toBe(1);
      expect(refused.stderr).toContain(
        'evidence: required: reason "dispute" needs an evidence link or note from $40.00',
      );
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    }
    expect(query('SELECT id FROM write_off_requests')).toEqual([]);

    const withEvidence = await submit(
      requestFile('C100', '1002', '40.00'),
      '--reason',
      'dispute',
      '--evidence',
      'https://crm.example/case/7',
    );
    expect(withEvidence.stderr).toBe('');
    expect(withEvidence.code).toBe(0);
    const below = await submit(requestFile('C100', '1001', '39.99'), '--reason', 'dispute');
    expect(below.stderr).toBe('');
    expect(below.code).toBe(0);

    const rows = query<{ reason_code: string; evidence: string | null; total_minor: number }>(
      'SELECT reason_code, evidence, total_minor FROM write_off_requests ORDER BY id',
    );
    expect(rows).toEqual([
      { reason_code: 'dispute', evidence: 'https://crm.example/case/7', total_minor: 4000 },
      { reason_code: 'dispute', evidence: null, total_minor: 3999 },
    ]);
  });
});

describe('the policy file is versioned', () => {
  it('policy check names the broken field and exits 1; a good file passes', async () => {
    const bad = join(dir, 'bad-policy.yml');
    writeFileSync(bad, 'reasons:\n  - code: Dispute\n    label: ""\nslaHours: 0\n');
    const checked = await writeoff('policy', 'check', bad);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('reasons[0].code');
    expect(checked.stderr).toContain('slaHours');
    const good = await writeoff('policy', 'check', policyFile);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('OK: valid policy file');
    expect(good.stdout).toContain('SLA: 24 hours');
  });

  it('a changed file is recorded as a new version in the audit log and named by new requests', async () => {
    const before = await writeoff('policy', 'show', '--db', db);
    expect(before.code).toBe(0);
    const first = /policy (p[0-9a-f]{12})/.exec(before.stdout)?.[1];
    expect(first).toBeDefined();
    expect(before.stdout).toContain(`  ${first}  `);

    writeFileSync(policyFile, policy('10.00'));
    const submitted = await submit(
      requestFile('C200', '1003', '-20.00'),
      '--reason',
      'dispute',
      '--evidence',
      'Signed settlement letter, filed in the CRM',
    );
    expect(submitted.stderr).toBe('');
    const after = await writeoff('policy', 'show', '--db', db);
    const second = /policy (p[0-9a-f]{12})/.exec(after.stdout)?.[1];
    expect(second).not.toBe(first);
    const listed = after.stdout.split('recorded versions (newest first):\n')[1] ?? '';
    expect(
      listed
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => l.trim().split(' ')[0]),
    ).toEqual([second, first]);

    const audits = query<{ details_json: string }>(
      "SELECT details_json FROM audit_log WHERE action = 'policy_loaded' ORDER BY id",
    ).map(
      (row) => JSON.parse(row.details_json) as { version: string; previousVersion: string | null },
    );
    expect(audits.map((a) => [a.version, a.previousVersion])).toEqual([
      [first, null],
      [second, first],
    ]);
    const versions = query<{ policy_version: string }>(
      'SELECT policy_version FROM write_off_requests ORDER BY id',
    ).map((r) => r.policy_version);
    expect(versions).toEqual([first, first, second]);
  });
});

describe('the reason code travels with the posted write-off', () => {
  it('appears as the last export column and in the digest facts', async () => {
    const database = openDatabase(db);
    try {
      unwrap(
        approveRequest(appDeps(database, Date.now()), {
          requestId: 'WO-000001',
          approver: APPROVER,
        }),
      );
      const posted = listPostedRequests(txOf(database), {
        startMs: 0,
        endMs: Number.MAX_SAFE_INTEGER,
      });
      expect(posted.map((p) => [p.requestId, p.reasonCode])).toEqual([['WO-000001', 'dispute']]);
    } finally {
      database.close();
    }
    const csv = await writeoff('export', '--period', '2026-06', '--db', db);
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split('\r\n');
    expect(header?.endsWith(',on_account,reason')).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.endsWith(',dispute')).toBe(true);
    const json = JSON.parse(
      (await writeoff('export', '--period', '2026-06', '--format', 'json', '--db', db)).stdout,
    );
    expect(Object.keys(json.lines[0]).at(-1)).toBe('reason');
    expect(json.lines[0].reason).toBe('dispute');
  });
});

describe('writeoff cancel', () => {
  it('lets only the requester cancel a pending request, once', async () => {
    const stranger = await writeoff(
      'cancel',
      '--request',
      'WO-000002',
      '--as',
      'U0OTHER01',
      '--db',
      db,
    );
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('only its requester or an admin may');
    const cancelled = await writeoff('cancel', '--request', 'WO-000002', '--as', CLERK, '--db', db);
    expect(cancelled.stderr).toBe('');
    expect(cancelled.stdout).toContain('Cancelled WO-000002');
    const again = await writeoff('cancel', '--request', 'WO-000002', '--as', CLERK, '--db', db);
    expect(again.code).toBe(1);
    expect(again.stderr).not.toMatch(/\n\s+at /);
    const status = query<{ status: string }>(
      "SELECT status FROM write_off_requests WHERE id = 'WO-000002'",
    );
    expect(status).toEqual([{ status: 'cancelled' }]);
    const audit = query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE request_id = 'WO-000002' AND action = 'cancelled'",
    );
    expect(audit).toEqual([{ actor: CLERK }]);
  });
});
