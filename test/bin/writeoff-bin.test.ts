// The `writeoff` bin runs the CLI from its prebuilt bundle (docs/decisions/365-prebuilt-cli.md):
// after a command, the bundle and the list of the sources it came from are under .build/cli/,
// and the command answered as the TypeScript CLI does.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the writeoff bin', () => {
  it('runs the CLI from a bundle built from src/cli/main.ts', async () => {
    const env = { ...process.env, WRITEOFF_DB: join(dir, 'w.db') };
    await exec(process.execPath, [join(ROOT, 'bin/writeoff.mjs'), 'demo'], { cwd: dir, env });
    const { stdout } = await exec(process.execPath, [join(ROOT, 'bin/writeoff.mjs'), 'requests'], {
      cwd: dir,
      env,
    });
    expect(stdout).toContain('No requests.');
    expect(existsSync(join(ROOT, '.build/cli/main.mjs'))).toBe(true);
    const inputs = JSON.parse(readFileSync(join(ROOT, '.build/cli/main.inputs.json'), 'utf8'));
    expect(Object.keys(inputs)).toContain('src/cli/main.ts');
  });
});
