// `writeoff outbox`: notifications that failed ten times (the fake Slack answering 500) are
// listed, re-queued by --retry ID / --retry-all (audited), and sent by the worker's next pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STEP_ATTEMPTS } from '../../src/app/notification-outbox.ts';
import type { CliIo } from '../../src/cli/context.ts';
import { runCli } from '../../src/cli/program.ts';
import type { Database } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { type OutboxWorkerDeps, runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { notifierClient, slackNotifier } from '../../src/slack/notifier.ts';
import { seedDatabaseFile, submit } from '../slack/approval-helpers.ts';
import { NOW_MS } from '../support/db.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../support/fake-slack-api.ts';
import { capturingLogger } from '../support/slack-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-outbox-'));
const path = join(dir, 'ledger.db');
let fake: FakeSlackApi;
let database: Database;
let worker: OutboxWorkerDeps;
let requestId: string;
const HOUR_MS = 3_600_000;

function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    defaultDbPath: undefined,
    cwd: dir,
    now: () => new Date(NOW_MS + 24 * HOUR_MS),
  };
  const code = runCli([...args, '--db', path], io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  fake = await startFakeSlackApi();
  database = seedDatabaseFile(path);
  worker = {
    store: sqliteStore(database),
    notifier: slackNotifier(notifierClient('xoxb-test', fake.url), 'C0APPROVALS'),
    logger: capturingLogger([]),
    admins: [],
  };
  requestId = submit(database);
  // Slack answers 500 to every announcement until the step gives up.
  fake.override('chat.postMessage', { status: 500, body: 'Internal Server Error' });
  for (let pass = 0; pass < MAX_STEP_ATTEMPTS; pass += 1) {
    await runOutboxWorker(worker, new Date(NOW_MS + pass * HOUR_MS));
  }
});
afterAll(async () => {
  database.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writeoff outbox', () => {
  it('lists the failed announcement with its attempts and last error', () => {
    const listed = cli(['outbox', '--failed']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(
        `^\\d+  ${requestId}  post_parent  failed  ${MAX_STEP_ATTEMPTS} attempts  gave up  last error: .*500`,
        'm',
      ),
    );
    expect(listed.stdout).toContain('writeoff outbox --retry-all');
    const json = JSON.parse(cli(['outbox', '--json']).stdout) as { status: string }[];
    expect(json.map((r) => r.status)).toContain('failed');
  });

  it('refuses a retry of something that is not a failed notification, changing nothing', () => {
    expect(cli(['outbox', '--retry', 'abc']).code).toBe(1);
    const missing = cli(['outbox', '--retry', '999999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('999999 is not a failed notification');
    expect(cli(['outbox', '--retry', '1', '--retry-all']).code).toBe(1);
  });

  it('--retry-all queues them again (audited) and the next pass delivers them', async () => {
    const retried = cli(['outbox', '--retry-all']);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toMatch(/^Queued again: \d+/);
    const audit = database.sqlite
      .prepare("SELECT actor, action FROM audit_log WHERE action = 'outbox_retry'")
      .all();
    expect(audit).toEqual([{ actor: 'system:cli', action: 'outbox_retry' }]);
    fake.reset();
    const report = await runOutboxWorker(worker, new Date(NOW_MS + 24 * HOUR_MS));
    expect(report.completed).toBe(3); // parent, reply and the detail step (copied: no upload)
    expect(fake.calls('chat.postMessage')).toHaveLength(2);
    expect(cli(['outbox']).stdout).toBe('Every notification was delivered.\n');
  });
});
