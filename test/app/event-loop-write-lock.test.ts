// While another process holds the database's write lock (an import in progress), the bot keeps
// answering: /healthz and `/writeoff help` are served, and a use-case that needs the lock
// waits for it without blocking the event loop, then succeeds once the lock is released
// (docs/decisions/120-event-loop-rule.md). Real receiver, real file, real child process; no
// timing thresholds: "responsive" means answered while the locked use-case is still waiting.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { busyWaitsSoFar, isDatabaseLocked, whenUnlocked } from '../../src/app/use-case-tx.ts';
import {
  type Database,
  openDatabase,
  SERVER_BUSY_TIMEOUT_MS,
  setBusyTimeout,
} from '../../src/db/client.ts';
import { LEDGER_BUSY_ERROR } from '../../src/slack/app.ts';
import { manualIds } from '../../src/slack/ids.ts';
import { importFixture } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/slack-app.ts';
import { slashCommand } from '../support/slack-request.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let database: Database;
let t: TestApp;
let holder: ChildProcess | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'writeoff-lock-'));
  database = openDatabase(join(dir, 'ledger.db'));
  importFixture(database);
  // What the composition root does once the bot serves requests.
  setBusyTimeout(database, SERVER_BUSY_TIMEOUT_MS);
  t = await startTestApp({ database });
});

afterEach(async () => {
  holder?.kill();
  await t.stop();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the lock holder and resolves once it holds the write lock. */
function holdWriteLock(path: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'children/hold-write-lock.ts'), path],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  return new Promise((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) done(child);
    });
    child.once('exit', (code) => fail(new Error(`lock holder exited (${code})`)));
  });
}

function release(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.stdin?.write('release\n');
  });
}

/** Whether `promise` has settled by the time already-queued callbacks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const winner = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    Promise.resolve(marker),
  ]);
  return winner !== marker;
}

describe('another process holds the write lock', () => {
  it('answers /healthz and /writeoff help, and a write waits for the lock without blocking', async () => {
    holder = await holdWriteLock(join(dir, 'ledger.db'));
    // A bare `/writeoff` opens the form and creates a draft: it needs the write lock.
    const opening = t.send(slashCommand({ text: '' }));

    const help = await t.send(slashCommand({ text: 'help' }));
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.json)).toContain('/writeoff');
    const health = await t.get('/healthz');
    expect(health.status).toBe(200);
    // Both were answered while the write was still waiting for the lock.
    expect(await isSettled(opening)).toBe(false);

    await release(holder);
    holder = undefined;
    expect((await opening).status).toBe(200);
    const form = t.fake.calls('views.update').at(-1)?.args as { view: { callback_id?: string } };
    expect(form.view.callback_id).toBe(manualIds.formCallback);
    const drafts = database.sqlite.prepare('SELECT count(*) AS n FROM drafts').get();
    expect(drafts).toEqual({ n: 1 });
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('a write before the acknowledgement', () => {
  it("gives up within Slack's 3 s and tells the user the ledger is busy", async () => {
    holder = await holdWriteLock(join(dir, 'ledger.db'));
    // `/writeoff roles` grants WRITEOFF_ADMINS (a write) before it acknowledges.
    const responseUrl = t.fake.responseUrl('roles-busy');
    await t.send(slashCommand({ text: 'roles', responseUrl }));
    const told = t.fake.responses().map((r) => JSON.stringify(r.body));
    expect(told.join('\n')).toContain(LEDGER_BUSY_ERROR);
    // The bot still answers meanwhile and after.
    expect((await t.get('/healthz')).status).toBe(200);
  });
});

describe('whenUnlocked', () => {
  const insert = (db: Database, key: string) => () =>
    db.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, '1');

  it('runs the use-case again once the lock is released, serving callbacks meanwhile', async () => {
    const other = openDatabase(join(dir, 'ledger.db'));
    other.sqlite.exec('BEGIN IMMEDIATE');
    // The release is itself a callback on this event loop: it only runs if nothing blocks it.
    setTimeout(() => other.sqlite.exec('COMMIT'), 50);
    const waitsBefore = busyWaitsSoFar();
    await whenUnlocked(insert(database, 'after-release'));
    other.close();
    // Each pause is counted for GET /metrics (writeoff_db_busy_waits_total).
    expect(busyWaitsSoFar()).toBeGreaterThan(waitsBefore);
    expect(
      database.sqlite.prepare(`SELECT value FROM settings WHERE key = 'after-release'`).get(),
    ).toEqual({ value: '1' });
  });

  it('gives up with the "database is locked" error after its budget', async () => {
    const other = openDatabase(join(dir, 'ledger.db'));
    other.sqlite.exec('BEGIN IMMEDIATE');
    const failure = await whenUnlocked(insert(database, 'never'), 50).catch((e: unknown) => e);
    other.sqlite.exec('ROLLBACK');
    other.close();
    expect(isDatabaseLocked(failure)).toBe(true);
  });

  it('does not retry other errors', async () => {
    let attempts = 0;
    const failure = await whenUnlocked(() => {
      attempts += 1;
      insert(database, 'dup')();
      insert(database, 'dup')();
    }).catch((e: unknown) => e);
    expect(isDatabaseLocked(failure)).toBe(false);
    expect(attempts).toBe(1);
  });
});
