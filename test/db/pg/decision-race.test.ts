// Two bot instances decide the same request at the same moment on one PostgreSQL server
// (docs/decisions/296-approval-locks-its-request-and-items.md): each is a child process running
// the real use-case through its own bridge (ADR 300). The test holds the journal's insert lock
// until both are inside their transactions and waiting, so they truly race; then one posts and
// the other is told it is already done. Server only: PGlite has one connection. The cases run in
// order on one request: approved by two at once, a payment's recovery approved by two at once,
// then reversed by two at once; last, another request approved and rejected at once.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../src/app/deps.ts';
import { importArFile } from '../../../src/app/import-ar-file.ts';
import { previewManualRequest } from '../../../src/app/preview-write-off.ts';
import { grantRole, setApproverLimit } from '../../../src/app/roles.ts';
import { submitRequest } from '../../../src/app/submit-request.ts';
import { openPgDatabase, type PgDatabaseHandle } from '../../../src/db/pg/client.ts';
import { pgStore } from '../../../src/db/pg-store.ts';
import type { Store } from '../../../src/db/store.ts';
import type { ManualRequest } from '../../../src/domain/manual.ts';
import { APPROVER, BIG_APPROVER, CLERK, manual, TEST_REASON, unwrap } from '../../support/app.ts';
import { NOW_MS, smallArFile } from '../../support/db.ts';
import { createServerDatabase, pgBackends, query } from './backends.ts';

const server = pgBackends().find((b) => b.backend.name === 'server');
const skip = server?.skip !== false;
const CHILD = join(import.meta.dirname, '../../support/decide-child-pg.ts');
const OPENER = new URL('../../../src/db/pg/bridge-open.ts', import.meta.url).href;

describe.skipIf(skip)('two instances deciding one request on the server', () => {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let store: Store | undefined;
  let admin: PgDatabaseHandle | undefined;
  beforeAll(async () => {
    database = await createServerDatabase();
    store = pgStore({ module: OPENER, arg: database.url });
    admin = await openPgDatabase(database.url);
  }, 240_000);
  afterAll(async () => {
    store?.close();
    await admin?.close();
    await database?.drop();
  }, 240_000);

  let requestId = '';
  let postedEntryId = 0;
  const count = async (sql: string) => (await query(admin as PgDatabaseHandle, sql)).length;

  it('approved by two at once: posts once, the other is told it is already posted', async () => {
    if (store === undefined) throw new Error('database not opened');
    requestId = pendingRequest(store);
    const outcomes = await race('approve', requestId);
    const posted = outcomes.filter((o) => (o as { ok?: boolean }).ok === true);
    expect(posted).toHaveLength(1);
    postedEntryId = (posted[0] as { value: { entryId: number } }).value.entryId;
    expect(outcomes.filter((o) => o !== posted[0])).toEqual([
      { ok: false, error: { kind: 'already_posted', requestId, entryId: postedEntryId } },
    ]);
    expect(await count('SELECT 1 FROM journal_entries')).toBe(1);
    expect(await count(`SELECT 1 FROM audit_log WHERE action = 'posted'`)).toBe(1);
    expect(await count(`SELECT 1 FROM slack_outbox WHERE kind = 'request_posted'`)).toBe(1);
    expect(await count(`SELECT 1 FROM write_off_requests WHERE status = 'posted'`)).toBe(1);
  }, 240_000);

  it('a recovery approved by two at once: posted once, the other told it is posted', async () => {
    if (store === undefined) throw new Error('database not opened');
    expect(postedEntryId).toBeGreaterThan(0);
    const summary = unwrap(importArFile(store, paidFile('-50.00'), NOW_MS));
    const [recoveryId = ''] = summary.recoveries ?? [];
    const outcomes = await race('recover', recoveryId);
    const posted = outcomes.filter((o) => (o as { ok?: boolean }).ok === true);
    expect(posted).toHaveLength(1);
    const entryId = (posted[0] as { value: { entryId: number } }).value.entryId;
    const message = `${recoveryId} is already posted (journal entry ${entryId}); nothing was changed`;
    expect(outcomes.filter((o) => o !== posted[0])).toEqual([
      { ok: false, error: { kind: 'invalid_input', field: 'recovery', message } },
    ]);
    expect(await count(`SELECT 1 FROM journal_entries WHERE reference LIKE 'recovery:%'`)).toBe(1);
    expect(await count(`SELECT 1 FROM audit_log WHERE action = 'recovery_posted'`)).toBe(1);
  }, 240_000);

  it('reversed by two at once: one reversal, the other is told it is reversed', async () => {
    expect(postedEntryId).toBeGreaterThan(0);
    const outcomes = await race('reverse', requestId);
    const reversed = outcomes.filter((o) => (o as { ok?: boolean }).ok === true);
    expect(reversed).toHaveLength(1);
    const entryId = (reversed[0] as { value: { entryId: number } }).value.entryId;
    expect(outcomes.filter((o) => o !== reversed[0])).toEqual([
      { ok: false, error: { kind: 'already_reversed', requestId, entryId } },
    ]);
    expect(await count(`SELECT 1 FROM journal_entries WHERE reference LIKE 'reversal:%'`)).toBe(1);
    expect(await count(`SELECT 1 FROM audit_log WHERE action = 'reversed'`)).toBe(1);
    expect(await count(`SELECT 1 FROM write_off_requests WHERE status = 'reversed'`)).toBe(1);
  }, 240_000);

  it('approved and rejected at once: one decision, the other is told it is decided', async () => {
    if (store === undefined) throw new Error('database not opened');
    const id = submit(store, manual({ invoices: [{ invoice: '1002', amount: '10.00' }] }));
    // Both wait on the request row, which the use-cases read first (or write first, rejecting).
    const hold = `SELECT 1 FROM write_off_requests WHERE id = '${id}' FOR UPDATE`;
    const [approved, rejected] = (await race(['approve', 'reject'], id, hold)) as {
      ok: boolean;
      error?: unknown;
    }[];
    const status = approved?.ok === true ? 'posted' : 'rejected';
    expect([approved?.ok, rejected?.ok].filter(Boolean)).toEqual([true]);
    const loser = approved?.ok === true ? rejected : approved;
    expect(loser?.error).toEqual(
      status === 'posted'
        ? { kind: 'already_posted', requestId: id, entryId: expect.any(Number) }
        : { kind: 'not_pending', requestId: id, status: 'rejected' },
    );
    const ofRequest = `request_id = '${id}'`;
    expect(
      await count(`SELECT 1 FROM write_off_requests WHERE id = '${id}' AND status = '${status}'`),
    ).toBe(1);
    expect(
      await count(
        `SELECT 1 FROM audit_log WHERE ${ofRequest} AND action IN ('posted', 'rejected')`,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT 1 FROM slack_outbox WHERE ${ofRequest} AND kind IN ('request_posted', 'request_rejected')`,
      ),
    ).toBe(1);
  }, 240_000);

  /** Two instances decide at once, both held at `hold` (the journal's inserts) until both wait. */
  async function race(
    ops: Op | readonly [Op, Op],
    id: string,
    hold = 'LOCK TABLE journal_entries IN SHARE ROW EXCLUSIVE MODE',
  ): Promise<unknown[]> {
    if (database === undefined || admin === undefined) throw new Error('database not opened');
    const [first, second] = typeof ops === 'string' ? [ops, ops] : ops;
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(hold);
      const url = database.url;
      const outcomes = [decide(url, first, id, APPROVER), decide(url, second, id, BIG_APPROVER)];
      await until(async () => (await waitingOnLocks(admin as PgDatabaseHandle)) >= 2);
      await blocker.query('COMMIT');
      return await Promise.all(outcomes);
    } finally {
      await blocker.end();
    }
  }
});

type Op = 'approve' | 'reverse' | 'recover' | 'reject';

/** The ERP's next file: invoice 1001 paid down to `due` on line 1, its other lines 0. */
function paidFile(due: string) {
  const file = smallArFile();
  for (const invoice of file.invoices) {
    if (invoice.number !== '1001') continue;
    invoice.lines = invoice.lines.map((l) => ({
      line: l.line,
      description: 'Work',
      due: l.line === 1 ? due : '0.00',
    }));
  }
  return file;
}

/** The small ledger, two approvers, and C100's usual request, pending. */
function pendingRequest(store: Store): string {
  const deps: AppDeps = { store, now: () => new Date(NOW_MS) };
  unwrap(importArFile(store, smallArFile(), NOW_MS));
  for (const userId of [APPROVER, BIG_APPROVER]) {
    unwrap(grantRole(deps, { by: 'system:test', userId, role: 'approver' }));
    unwrap(setApproverLimit(deps, { by: 'system:test', userId, currency: 'USD', amount: '10000' }));
  }
  return submit(store, manual());
}

function submit(store: Store, request: ManualRequest): string {
  const deps: AppDeps = { store, now: () => new Date(NOW_MS) };
  const preview = unwrap(previewManualRequest(deps, request));
  return unwrap(submitRequest(deps, { ...TEST_REASON, ...preview, requester: CLERK })).requestId;
}

/** Backends of this database waiting for a lock another holds. */
async function waitingOnLocks(admin: PgDatabaseHandle): Promise<number> {
  const rows = await query<{ n: number }>(
    admin,
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** One instance deciding, as its own process; its Result, or what it threw. */
function decide(url: string, op: string, requestId: string, user: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, op, requestId, user]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (last === '') reject(new Error(`the deciding instance died: ${err}`));
      else resolve(JSON.parse(last));
    });
  });
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  // Generous: each instance starts Node, tsx and a bridge thread, slow on a loaded machine.
  for (let i = 0; i < 2400; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the two instances never both waited within 120 s');
}
