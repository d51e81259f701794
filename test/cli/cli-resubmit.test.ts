// Resubmit and cancel from the command line: `--revises WO-…` with `--submit` links the new
// request to the requester's rejected one (once), and `writeoff cancel` is refused to anyone but
// the requester. In-process through runCli on a database file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectRequest } from '../../src/app/decide-request.ts';
import { getAuditTrail, getRequestView } from '../../src/app/request-views.ts';
import { openDatabase } from '../../src/db/client.ts';
import { APPROVER, seedDatabaseFile } from '../slack/approval-helpers.ts';
import { appDeps, unwrap } from '../support/app.ts';
import { runCliIn } from '../support/cli.ts';
import { NOW_MS } from '../support/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-resubmit-'));
const db = join(dir, 'ledger.db');
const CLERK = 'U0CLERK01';
const OTHER = 'U0OTHER01';
const cli = (...args: string[]) => runCliIn(dir, () => new Date(NOW_MS), [...args, '--db', db]);

function requestFile(amount: string, invoice = '1002'): string {
  const path = join(dir, `request-${invoice}-${amount}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      customer: 'C100',
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

const submit = (amount: string, as: string, ...extra: string[]) =>
  submitOn('1002', amount, as, ...extra);
const submitOn = (invoice: string, amount: string, as: string, ...extra: string[]) =>
  cli(
    'manual',
    '--request',
    requestFile(amount, invoice),
    '--submit',
    '--as',
    as,
    '--json',
    ...extra,
  );
const withDeps = <T>(fn: (deps: ReturnType<typeof appDeps>) => T): T => {
  const database = openDatabase(db);
  try {
    return fn(appDeps(database));
  } finally {
    database.close();
  }
};

beforeAll(() => {
  seedDatabaseFile(db).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeoff manual --submit --revises', () => {
  it('resubmits a rejected request once, linked both ways', () => {
    const first = JSON.parse(submit('40.00', CLERK, '--reason', 'dispute').stdout).request;
    withDeps((deps) =>
      unwrap(rejectRequest(deps, { requestId: first, by: APPROVER, reason: 'Lower it' })),
    );
    const again = submit('30.00', CLERK, '--reason', 'dispute', '--revises', first);
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout).request;
    withDeps((deps) => {
      expect(getRequestView(deps, second)?.controls.revises).toEqual([first]);
      expect(getRequestView(deps, first)?.controls.revisedBy).toBe(second);
      const resubmitted = getAuditTrail(deps, first).find((a) => a.action === 'resubmitted');
      expect(resubmitted?.details).toEqual({ as: second });
    });
    const twice = submitOn('1001', '20.00', CLERK, '--reason', 'dispute', '--revises', first);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`revises: ${first} was already resubmitted as ${second}`);
    // A pending request is not resubmitted (cancel it first).
    const pending = submitOn('1001', '10.00', CLERK, '--reason', 'dispute', '--revises', second);
    expect(pending.code).toBe(1);
    expect(pending.stderr).toContain(`${second} is pending; only a rejected or stale request`);
  });

  it('refuses --revises without --submit', () => {
    const refused = cli('manual', '--request', requestFile('5.00'), '--revises', 'WO-000001');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--revises: only meaningful with --submit');
  });
});

describe('writeoff cancel', () => {
  it('is refused to anyone but the requester, then cancels for the requester', () => {
    const pending = withDeps((deps) =>
      getAuditTrail(deps, 'WO-000002').length > 0 ? 'WO-000002' : '',
    );
    expect(pending).toBe('WO-000002');
    const refused = cli('cancel', '--request', pending, '--as', OTHER);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`not allowed to cancel ${pending}`);
    expect(cli('cancel', '--request', pending, '--as', CLERK).code).toBe(0);
    withDeps((deps) => {
      const view = getRequestView(deps, pending);
      expect(view?.status).toBe('cancelled');
      expect(view?.controls.decidedPolicyVersion).toBe(view?.controls.policyVersion);
    });
  });
});
