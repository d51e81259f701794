// WAL checkpoints leave the thread that acks (docs/decisions/280-checkpoints-off-the-ack-thread.md):
// the serving connection stops checkpointing at SQLite's threshold and the post-ack thread copies
// its commits into the database file instead.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVING_CHECKPOINT_BACKSTOP_PAGES } from '../src/db/client.ts';
import { putSetting } from '../src/db/settings.repo.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import { startPostAckThread } from '../src/post-ack-thread.ts';
import { seedDatabaseFile } from './slack/approval-helpers.ts';
import { capturingLogger } from './support/slack-app.ts';
import { TEST_BOT_TOKEN } from './support/slack-request.ts';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** The setting as the database file alone holds it (a copy opened without the WAL). */
function inFileAlone(path: string, dir: string): string | undefined {
  const copy = join(dir, `copy-${Date.now()}.db`);
  copyFileSync(path, copy);
  const sqlite = new BetterSqlite3(copy);
  try {
    const row = sqlite
      .prepare("SELECT value FROM settings WHERE key = 'health_probe_at_ms'")
      .get() as { value: string } | undefined;
    return row?.value;
  } finally {
    sqlite.close();
  }
}

describe('WAL checkpoints of a serving process', () => {
  it('are made by the post-ack thread, not by commits on the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'writeoff-checkpoint-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'w.db');
    const database = seedDatabaseFile(path);
    cleanup.push(() => database.close());
    // The schema and seed in the file itself, so the copy below has the tables to read.
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const store = sqliteStore(database);
    store.leaveCheckpointsToAnotherThread();
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(
      SERVING_CHECKPOINT_BACKSTOP_PAGES,
    );
    store.write((tx) => putSetting(tx, 'health_probe_at_ms', '1234'));
    expect(inFileAlone(path, dir)).toBeUndefined();

    const thread = startPostAckThread(
      {
        location: { kind: 'sqlite', path },
        botToken: TEST_BOT_TOKEN,
        slackApiUrl: 'http://127.0.0.1:9/api/',
        approvalsChannel: 'C0APPROVALS',
        admins: [],
        pretty: false,
      },
      { logger: capturingLogger([]) },
    );
    cleanup.push(() => thread.stop());
    for (let waited = 0; inFileAlone(path, dir) === undefined; waited += 50) {
      if (waited > 10_000) throw new Error('the post-ack thread never checkpointed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(inFileAlone(path, dir)).toBe('1234');
  });
});
