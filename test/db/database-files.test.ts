// Database files on disk: created private (0600 file and side files, 0700 directory when we
// create it), migrated by one process at a time, and never deleted by a process that did not
// create them. Concurrency runs in real child processes on real files.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeArFile } from '../../scripts/generate-ar-file.ts';
import { MIGRATIONS_DIR, openDatabase } from '../../src/db/client.ts';
import { ensurePrivateDirFor } from '../../src/db/files.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/writeoff.mjs');
const work = mkdtempSync(join(tmpdir(), 'writeoff-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

interface Outcome {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

function run(args: readonly string[]): Promise<Outcome> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise((done) => child.once('close', (code) => done({ code, out, err })));
}

describe('database file permissions', () => {
  it('creates the directory 0700 and the database, -wal and -shm 0600', () => {
    const path = join(work, 'private', 'nested', 'ledger.db');
    ensurePrivateDirFor(path);
    const database = openDatabase(path);
    try {
      database.sqlite.exec(`INSERT INTO settings (key, value) VALUES ('probe', '1')`);
      expect(modeOf(join(work, 'private'))).toBe(0o700);
      expect(modeOf(join(work, 'private', 'nested'))).toBe(0o700);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file)).toBe(0o600);
    } finally {
      database.close();
    }
  });

  it('leaves an existing directory and file as they are', () => {
    const path = join(work, 'existing.db');
    writeFileSync(path, '', { mode: 0o640 });
    openDatabase(path).close();
    expect(modeOf(path)).toBe(0o640);
  });
});

describe('two processes on one fresh database file', () => {
  it('migrate one after the other: every process opens it, each migration applied once', async () => {
    const path = join(work, 'migrate-race.db');
    const child = join(import.meta.dirname, 'children/open-database.ts');
    const startAt = String(Date.now() + 1500);
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => run(['--import', 'tsx', child, path, startAt])),
    );
    for (const outcome of outcomes)
      expect(outcome, outcome.err).toMatchObject({ code: 0, out: 'opened\n' });
    const database = openDatabase(path);
    const applied = database.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get();
    database.close();
    const journal = (await import(join(MIGRATIONS_DIR, 'meta/_journal.json'), {
      with: { type: 'json' },
    })) as { default: { entries: unknown[] } };
    expect(applied).toEqual({ n: journal.default.entries.length });
  });

  it('a failing import never deletes the database a concurrent good import wrote', async () => {
    const good = join(work, 'good.json');
    writeArFile(good, {
      seed: 7,
      customers: 200,
      invoices: 3000,
      linesPerInvoice: 2,
      onAccount: 0,
    });
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, currency: 'USD', invoices: 'none' }));
    for (const trial of [1, 2, 3]) {
      const path = join(work, `race-${trial}`, 'ledger.db');
      const [ok, failed] = await Promise.all([
        run([BIN, 'import', good, '--db', path]),
        run([BIN, 'import', bad, '--db', path]),
      ]);
      expect(failed.code, failed.err).toBe(1);
      expect(ok, ok.err).toMatchObject({ code: 0, err: '' });
      expect(ok.out).toContain('Invoices: 3000 new');
      const database = openDatabase(path);
      const invoices = database.sqlite.prepare('SELECT count(*) AS n FROM invoices').get();
      database.close();
      expect(invoices).toEqual({ n: 3000 });
      // No private build file is left next to it.
      expect(readdirSync(join(work, `race-${trial}`)).filter((f) => f.includes('.new-'))).toEqual(
        [],
      );
    }
  });

  it('a failed first import leaves no file behind', async () => {
    const bad = join(work, 'bad-alone.json');
    writeFileSync(bad, JSON.stringify({ version: 1, currency: 'USD', invoices: 'none' }));
    const dir = join(work, 'alone');
    const failed = await run([BIN, 'import', bad, '--db', join(dir, 'ledger.db')]);
    expect(failed.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});
