// Posting is atomic and idempotent across connections and processes: the approval runs in an
// IMMEDIATE transaction, so two approvers of one request serialise on SQLite's write lock and
// the second sees `posted`; the UNIQUE journal reference is the backstop. Uses real files.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { openDatabase } from '../../src/db/client.ts';
import { databaseOf } from '../../src/db/sqlite-store.ts';
import {
  APPROVER,
  appDeps,
  BIG_APPROVER,
  CLERK,
  TEST_REASON,
  unwrap,
  unwrapErr,
} from '../support/app.ts';
import { importFixture } from '../support/db.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'writeoff-concurrency-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file database with the small ledger, two approvers and one pending request. */
function pendingRequestOnFile(name: string): { path: string; deps: AppDeps; requestId: string } {
  const path = join(dir, name);
  const deps = appDeps(openDatabase(path));
  importFixture(databaseOf(deps.store));
  for (const userId of [APPROVER, BIG_APPROVER]) {
    unwrap(grantRole(deps, { by: 'system:test', userId, role: 'approver' }));
    unwrap(setApproverLimit(deps, { by: 'system:test', userId, currency: 'USD', amount: '10000' }));
  }
  const preview = unwrap(
    previewManualRequest(deps, {
      customerId: 'C100',
      period: '2026-06',
      date: '2026-06-15',
      method: 'entry',
      invoices: 'all',
    }),
  );
  const { requestId } = unwrap(
    submitRequest(deps, { ...TEST_REASON, ...preview, requester: CLERK }),
  );
  return { path, deps, requestId };
}

const count = (deps: AppDeps, sql: string) =>
  databaseOf(deps.store).sqlite.prepare(sql).pluck().get();

describe('two connections on one file', () => {
  it('the second approval reports already posted and writes nothing', () => {
    const { path, deps: first, requestId } = pendingRequestOnFile('two-connections.db');
    const second = appDeps(openDatabase(path));
    const posted = unwrap(approveRequest(first, { requestId, approver: APPROVER }));
    expect(unwrapErr(approveRequest(second, { requestId, approver: BIG_APPROVER }))).toEqual({
      kind: 'already_posted',
      requestId,
      entryId: posted.entryId,
    });
    expect(count(second, 'SELECT count(*) FROM journal_entries')).toBe(1);
    expect(count(second, "SELECT count(*) FROM audit_log WHERE action = 'posted'")).toBe(1);
    databaseOf(first.store).close();
    databaseOf(second.store).close();
  });

  it('a transaction held by one connection makes the other wait, then see posted', () => {
    const { path, deps: first, requestId } = pendingRequestOnFile('held-lock.db');
    const second = appDeps(openDatabase(path));
    // The first connection holds the write lock while the second tries to approve: with a
    // short busy timeout the second fails loudly instead of posting a second time.
    databaseOf(second.store).sqlite.pragma('busy_timeout = 50');
    databaseOf(first.store).sqlite.exec('BEGIN IMMEDIATE');
    expect(() => approveRequest(second, { requestId, approver: BIG_APPROVER })).toThrow(
      /locked|busy/i,
    );
    databaseOf(first.store).sqlite.exec('COMMIT');
    unwrap(approveRequest(second, { requestId, approver: BIG_APPROVER }));
    expect(approveRequest(first, { requestId, approver: APPROVER }).ok).toBe(false);
    expect(count(first, 'SELECT count(*) FROM journal_entries')).toBe(1);
    databaseOf(first.store).close();
    databaseOf(second.store).close();
  });
});

describe('child processes approving at the same time', () => {
  it('post exactly one journal entry', async () => {
    const { path, deps, requestId } = pendingRequestOnFile('processes.db');
    const child = join(import.meta.dirname, '../support/approve-child.ts');
    const startAtMs = Date.now() + 1500;
    const approvals = [APPROVER, BIG_APPROVER, APPROVER].map((approver) =>
      run(process.execPath, [
        '--import',
        'tsx',
        child,
        path,
        requestId,
        approver,
        String(startAtMs),
      ]),
    );
    const results = (await Promise.all(approvals)).map((r) => JSON.parse(r.stdout));
    const posted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok).map((r) => r.error);
    expect(posted).toHaveLength(1);
    expect(refused).toEqual([
      { kind: 'already_posted', requestId, entryId: posted[0].value.entryId },
      { kind: 'already_posted', requestId, entryId: posted[0].value.entryId },
    ]);
    expect(count(deps, 'SELECT count(*) FROM journal_entries')).toBe(1);
    expect(count(deps, 'SELECT status FROM write_off_requests')).toBe('posted');
    expect(count(deps, "SELECT count(*) FROM slack_outbox WHERE kind = 'request_posted'")).toBe(1);
    databaseOf(deps.store).close();
  });
});
