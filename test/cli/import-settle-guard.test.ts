// `writeoff import` of a file whose `invoices` is empty, through the real CLI process: refused
// with the count and the way to force it, nothing written; `--allow-settle` forces it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { smallArFile } from '../support/db.ts';

const exec = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../bin/writeoff.mjs');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-settle-'));
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

const openInvoices = (db: string) => {
  const database = openDatabase(db);
  const n = database.sqlite
    .prepare('SELECT count(*) FROM invoices WHERE open_minor <> 0')
    .pluck()
    .get();
  database.close();
  return n;
};

describe('writeoff import with an empty invoices list', () => {
  it('is refused with the count and --allow-settle; with it, the invoices are settled', async () => {
    const db = join(dir, 'ledger.db');
    const full = join(dir, 'full.json');
    const empty = join(dir, 'empty.json');
    writeFileSync(full, JSON.stringify(smallArFile()));
    writeFileSync(empty, JSON.stringify({ ...smallArFile(), invoices: [] }));
    expect((await writeoff('import', full, '--db', db)).code).toBe(0);
    expect(openInvoices(db)).toBe(3);

    const refused = await writeoff('import', empty, '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('would settle 3 of 3 open invoices (100%)');
    expect(refused.stderr).toContain('--allow-settle');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(openInvoices(db)).toBe(3);

    const forced = await writeoff('import', empty, '--db', db, '--allow-settle');
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(forced.stdout).toContain('3 settled');
    expect(openInvoices(db)).toBe(0);
  });
});
