// `writeoff backup` / `writeoff restore` as an operator runs them: the package bin against a
// database file that a real `npm start` process (src/main.ts) has open.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { botsHolding } from '../../src/db/running-bots.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/writeoff.mjs');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-backup-cli-'));
const db = join(dir, 'ledger.db');
let bot: ChildProcess | undefined;
afterAll(() => {
  bot?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function writeoff(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args, '--db', db], {
      cwd: dir,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('writeoff backup and restore', () => {
  it('backs up the running bot, refuses to restore under it, restores once it stopped', async () => {
    expect((await writeoff('demo')).code).toBe(0);
    bot = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        WRITEOFF_DB: db,
        PORT: '0',
        SLACK_BOT_TOKEN: '',
        WRITEOFF_DEMO: 'off',
      },
      stdio: 'ignore',
    });
    await until(() => botsHolding(db).length > 0, 'the bot to open the database');

    const backup = await writeoff('backup', '--to', 'nightly.db');
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toMatch(
      /^Backed up to .*nightly\.db: \d+ journal entries \(\d+ postings\), \d+ audit rows, \d+ requests, last posting .*Integrity check ok\.\n$/,
    );

    const refused = await writeoff('restore', '--from', 'nightly.db');
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `error: A running bot (pid ${bot.pid}) has ${db} open: stop it before restoring, then start it again.\n`,
    );

    bot.kill('SIGTERM');
    await until(() => botsHolding(db).length === 0, 'the bot to stop');
    const restored = await writeoff('restore', '--from', 'nightly.db');
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain(`Restored ${db} from ${join(dir, 'nightly.db')}`);
    expect(restored.out).toMatch(/It replaced .*; that file is kept as .*ledger\.db\.replaced-/);
  }, 60_000);

  it('names a missing backup file and writes nothing', async () => {
    const result = await writeoff('restore', '--from', 'nope.db');
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `error: Nothing was restored: ${join(dir, 'nope.db')} does not exist.\n`,
    );
    expect(existsSync(join(dir, 'nope.db'))).toBe(false);
  });
});
