// Commands that only read (requests, audit, export, roles list, manual/auto preview) never
// create, migrate or write the database: its bytes stay as they were. An empty file, another
// kind of file or an older schema is one message naming the path. Child processes run the bin
// as users do; the ledger-wide checks run in-process through runCli.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { runCliIn } from '../support/cli.ts';
import { smallArFile } from '../support/db.ts';

const exec = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../bin/writeoff.mjs');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-readonly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeoff(...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function cli(...args: string[]) {
  return runCliIn(dir, () => new Date('2026-06-15T14:00:00Z'), args);
}

/** The database file and its write-ahead log, if any: what a write would change. */
const digest = (path: string) => {
  const hash = createHash('sha256').update(readFileSync(path));
  if (existsSync(`${path}-wal`)) hash.update(readFileSync(`${path}-wal`));
  return hash.digest('hex');
};

describe('read-only commands on something that is not a ledger', () => {
  it('an empty file stays empty: one message naming it, nothing created next to it', async () => {
    const path = join(dir, 'empty.db');
    writeFileSync(path, '');
    const result = await writeoff('requests', '--db', path);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(path);
    expect(result.stderr).toContain('holds no writeoff ledger');
    expect(readFileSync(path).length).toBe(0);
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
  });

  it('a text file: one message naming the path, no stack trace', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'not a database\n'.repeat(50));
    const before = digest(path);
    const result = await writeoff('requests', '--db', path);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(`--db=${path} is not a SQLite database`),
    ]);
    expect(digest(path)).toBe(before);
  });

  it('an older schema is named, not upgraded', () => {
    const path = join(dir, 'old.db');
    const database = openDatabase(path);
    database.sqlite.exec(
      'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)',
    );
    database.close();
    const before = digest(path);
    const result = cli('roles', 'list', '--db', path);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The database ${path} was written by an older writeoff`);
    expect(digest(path)).toBe(before);
  });
});

describe('read-only commands on a ledger', () => {
  const db = join(dir, 'ledger.db');
  beforeAll(() => {
    const file = join(dir, 'ar.json');
    writeFileSync(file, JSON.stringify(smallArFile()));
    expect(cli('import', file, '--db', db).code).toBe(0);
  });

  it('leave the file byte for byte as it was', () => {
    const before = digest(db);
    for (const args of [
      ['requests'],
      ['roles', 'list'],
      ['export', '--period', '2026-06'],
      ['audit', '--request', 'WO-000001'],
      [
        'auto',
        '--type',
        'small-balance',
        '--value',
        '50',
        '--period',
        '2026-06',
        '--date',
        '2026-06-15',
      ],
    ]) {
      const result = cli(...args, '--db', db);
      expect(result.stderr, args.join(' ')).not.toContain('readonly');
      expect(digest(db), args.join(' ')).toBe(before);
    }
    expect(cli('requests', '--db', db).code).toBe(0);
    expect(cli('export', '--period', '2026-06', '--db', db).code).toBe(0);
  });
});
