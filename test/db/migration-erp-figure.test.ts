// Upgrading a database made at migration 0001 (before `on_account_items.erp_amount_minor`,
// migrations 0002 and 0003): the backfill recovers the ERP's figure from the live amount and
// the postings since the item's last import, so the first re-import after the upgrade does
// not resurrect a written-off item (ADR 031). The app builds the ledger in a current database;
// its rows are then copied, column by column, into a database migrated only up to 0001.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase } from '../../src/db/client.ts';
import { appDeps, postC100AccountBalanceRun, seedDatabase } from '../support/app.ts';
import { createTestDatabase, importFixture, NOW_MS, smallArFile } from '../support/db.ts';

const PREVIOUS = '0001_append_only_triggers';
const dir = mkdtempSync(join(tmpdir(), 'writeoff-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withP10() {
  const file = smallArFile();
  file.onAccount = [
    ...(file.onAccount ?? []),
    { id: 'P-10', customer: 'C200', date: '2026-03-06', amount: '-10.00' },
  ];
  return file;
}

/** P-10 settled by the second import, then P-9 (-60.00) written off after it. */
function buildLedger(path: string): void {
  const database = createTestDatabase();
  importFixture(database, withP10());
  seedDatabase(database); // imports the small file (without P-10) and sets up the roles
  const deps = appDeps(database, NOW_MS + 60_000);
  postC100AccountBalanceRun(deps);
  database.sqlite.exec(`VACUUM INTO '${path}'`);
  database.close();
}

/** A database at migration PREVIOUS holding the rows of `fromPath` (columns it knows). */
function createOldDatabase(fromPath: string, path: string): void {
  const folder = join(dir, 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'));
  const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag === PREVIOUS);
  journal.entries = journal.entries.slice(0, upTo + 1);
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  for (const { tag } of journal.entries as { tag: string }[]) {
    cpSync(join(MIGRATIONS_DIR, `${tag}.sql`), join(folder, `${tag}.sql`));
  }
  const sqlite = new BetterSqlite3(path);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  // Tables are copied in name order; the references are checked once all rows are in.
  sqlite.pragma('foreign_keys = OFF');
  sqlite.exec(`ATTACH '${fromPath}' AS cur`);
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%sqlite%'
      AND name NOT LIKE '__drizzle%'`)
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const columns = (sqlite.pragma(`main.table_info(${table})`) as { name: string }[])
      .map((c) => `"${c.name}"`)
      .join(', ');
    sqlite.exec(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM cur."${table}"`);
  }
  expect(sqlite.pragma('main.foreign_key_check')).toEqual([]);
  sqlite.close();
}

describe('migrating to the stored ERP figure of on-account items', () => {
  it('backfills it so that re-importing the same file keeps the write-off', () => {
    const path = join(dir, 'old.db');
    buildLedger(join(dir, 'current.db'));
    createOldDatabase(join(dir, 'current.db'), path);
    const old = new BetterSqlite3(path);
    expect(old.pragma('table_info(on_account_items)')).not.toContainEqual(
      expect.objectContaining({ name: 'erp_amount_minor' }),
    );
    expect(old.prepare('SELECT count(*) FROM journal_entries').pluck().get()).toBe(1);
    old.close();

    const database = openDatabase(path);
    const figures = database.sqlite
      .prepare('SELECT id, amount_minor, erp_amount_minor FROM on_account_items ORDER BY id')
      .all();
    expect(figures).toEqual([
      { id: 'P-10', amount_minor: 0, erp_amount_minor: 0 },
      { id: 'P-9', amount_minor: 0, erp_amount_minor: -6000 },
    ]);
    expect(importFixture(database).onAccount).toMatchObject({ updated: 0, unchanged: 1 });
    expect(
      database.sqlite
        .prepare(`SELECT amount_minor FROM on_account_items WHERE id = 'P-9'`)
        .pluck()
        .get(),
    ).toBe(0);
    database.close();
  });
});
