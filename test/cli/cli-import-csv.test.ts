// `writeoff import FILE.csv` through the real CLI process (the package bin), as a person with
// only this repository would run it: the shipped ledger set-up and CSV example import, a
// re-import changes nothing, and a bad CSV names rows and columns and writes nothing.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/writeoff.mjs');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-csv-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeoff(...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each test runs several CLI processes one after another: generous time on a loaded machine.
describe('writeoff import FILE.csv', { timeout: 120_000 }, () => {
  it('imports the shipped example after the ledger set-up; a re-import changes nothing; a bad file writes nothing', async () => {
    const db = join(dir, 'ledger.db');
    const setup = await writeoff('import', 'examples/ar-ledger.json', '--db', db);
    expect(setup).toMatchObject({ code: 0, stderr: '' });
    const first = await writeoff('import', 'examples/ar-small.csv', '--db', db);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('Imported examples/ar-small.csv (USD).');
    expect(first.stdout).toContain('Invoices: 3 new, 0 changed, 0 unchanged, 0 settled.');
    expect(first.stdout).toContain('On-account items: 1 new');

    const lines = readFileSync(join(ROOT, 'examples/ar-small.csv'), 'utf8').split('\n');
    lines[2] = lines[2]?.replace('36.00,0.00,0.00,36.00', '36,00,0.00,0.00,36.00') ?? '';
    lines[3] = lines[3]?.replace('2026-04-01', '2026-04-31') ?? '';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, lines.join('\n'));
    const refused = await writeoff('import', bad, '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toEqual([
      'error: row 3: has 15 cells, the header has 14',
      'error: row 3, column item: is only for on_account rows; leave it empty',
      'error: row 4, column date: not a valid date (use YYYY-MM-DD)',
    ]);

    const again = await writeoff('import', 'examples/ar-small.csv', '--db', db);
    expect(again.stdout).toContain('Invoices: 0 new, 0 changed, 3 unchanged, 0 settled.');
    expect(again.stdout).toContain('On-account items: 0 new, 0 changed, 1 unchanged, 0 settled.');
  });

  it('a CSV file cannot start a ledger: one sentence, and no database file left behind', async () => {
    const db = join(dir, 'fresh', 'new.db');
    const result = await writeoff('import', 'examples/ar-small.csv', '--db', db);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'error: a CSV file carries open items only, and this ledger has no chart of accounts and periods yet: import them first from a JSON file (docs/ar-file-format.md, "CSV")',
    ]);
    expect(existsSync(db)).toBe(false);
  });
});
