// `npm start` and the command line with DATABASE_URL naming a server that does not answer
// (docs/postgresql.md): a clear message without the password, exit 1, no stack trace, and no
// SQLite file created behind the operator's back.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-pg-refused-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Port 9 is discard: nothing listens there, so the connection is refused.
const DATABASE_URL = 'postgres://writeoff:s3cret@127.0.0.1:9/writeoff';

// Started from an empty directory, so tsx is named by path rather than resolved from the cwd.
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

function run(entry: string, args: string[] = []) {
  return spawnSync(process.execPath, ['--import', TSX, entry, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, DATABASE_URL, WRITEOFF_DEMO: 'off', PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('DATABASE_URL=postgres://… naming a server that does not answer', () => {
  it.each([
    ['npm start', join(ROOT, 'src/main.ts'), []],
    ['the command line', join(ROOT, 'src/cli/main.ts'), ['requests']],
  ])('%s stops with one clear message', (_name, entry, args) => {
    const result = run(entry, args);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('postgres://writeoff:***@127.0.0.1:9/writeoff');
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr).not.toContain('s3cret');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
