// Backups taken while approvals post, and restores that check before they replace anything.
// Real SQLite files and real child processes: two processes approve 50 requests while this
// one takes the backup, so the copy is cut in the middle of the postings.

import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { customerId } from '../../scripts/generate-ar-file.ts';
import { backupDatabase, restoreDatabase } from '../../src/app/backup-restore.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { listOpenInvoices } from '../../src/db/repos/invoices.ts';
import { databaseOf, sqliteStore, txOf } from '../../src/db/sqlite-store.ts';
import { outputOf, spawnChild } from '../reliability/support/children.ts';
import {
  requestEntryMismatches,
  subLedgerMismatches,
  unbalancedEntries,
} from '../reliability/support/invariants.ts';
import {
  APPROVERS,
  CLERKS,
  OPEN_PERIOD,
  seedLedger,
  tempDir,
  WRITE_OFF_DATE,
  writeLedgerFile,
} from '../reliability/support/ledger.ts';
import { TEST_REASON } from '../support/app.ts';

const REQUESTS = 50;
const dir = tempDir('backup');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One pending request per open invoice, until there are `count`. */
function submitOneInvoiceRequests(path: string, count: number): string[] {
  const deps = seedLedger(openDatabase(path), writeLedgerFile(dir));
  const ids: string[] = [];
  for (let c = 0; ids.length < count; c += 1) {
    for (const invoice of listOpenInvoices(txOf(deps.store), customerId(c))) {
      if (ids.length === count) break;
      const preview = previewManualRequest(deps, {
        customerId: customerId(c),
        period: OPEN_PERIOD,
        date: WRITE_OFF_DATE,
        method: 'entry',
        invoices: [{ invoice: invoice.number }],
      });
      if (!preview.ok) continue;
      const submitted = submitRequest(deps, {
        ...TEST_REASON,
        ...preview.value,
        requester: CLERKS[0],
      });
      if (submitted.ok) ids.push(submitted.value.requestId);
    }
  }
  databaseOf(deps.store).close();
  return ids;
}

function postedIds(database: Database): Set<string> {
  const rows = database.sqlite
    .prepare("SELECT request_id FROM journal_entries WHERE kind = 'write_off'")
    .pluck()
    .all() as string[];
  return new Set(rows);
}

function invariantProblems(database: Database): string[] {
  return [
    ...unbalancedEntries(database),
    ...requestEntryMismatches(database),
    ...subLedgerMismatches(database),
  ];
}

describe('backup while approvals post', () => {
  it('copies a balanced ledger holding at least what was posted before it began', async () => {
    const live = join(dir, 'live.db');
    const ids = submitOneInvoiceRequests(live, REQUESTS);
    expect(ids).toHaveLength(REQUESTS);
    const startAt = String(Date.now() + 1500);
    const children = [ids.slice(0, 25), ids.slice(25)].map((part, i) =>
      outputOf(
        spawnChild('approve-many.ts', [live, part.join(','), APPROVERS[i] ?? '', startAt, '1']),
      ),
    );
    const database = openDatabase(live);
    // Start the backup once postings are under way, so it is cut between two of them.
    let before = postedIds(database);
    while (before.size < 3) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      before = postedIds(database);
    }
    const backup = join(dir, 'during.db');
    const taken = backupDatabase(sqliteStore(database), backup);
    expect(taken.ok).toBe(true);
    const outcomes = await Promise.all(children);
    for (const outcome of outcomes) expect(outcome.code, outcome.err).toBe(0);
    const after = postedIds(database);
    expect(after.size).toBe(REQUESTS);
    database.close();
    expect(statSync(backup).mode & 0o777).toBe(0o600);

    const restoredPath = join(dir, 'restored.db');
    const restored = restoreDatabase(restoredPath, backup, new Date());
    expect(restored.ok).toBe(true);
    const copy = openDatabase(restoredPath);
    expect(invariantProblems(copy)).toEqual([]);
    const inCopy = postedIds(copy);
    for (const id of before) expect(inCopy.has(id), `${id} posted before the backup`).toBe(true);
    for (const id of inCopy) expect(after.has(id)).toBe(true);
    copy.close();
  }, 60_000);

  it('never overwrites an existing file', () => {
    const path = join(dir, 'small.db');
    const database = openDatabase(path);
    const target = join(dir, 'exists.db');
    writeFileSync(target, 'keep me');
    expect(backupDatabase(sqliteStore(database), target)).toEqual({
      ok: false,
      error: [`${target} already exists: a backup never overwrites a file.`],
    });
    database.close();
  });
});

describe('restore', () => {
  it('refuses a file that is not a writeoff database, and a damaged one', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some words'.repeat(200));
    const target = join(dir, 'target.db');
    const refused = restoreDatabase(target, text, new Date());
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error[0]).toMatch(/^Nothing was restored: .*notes.txt/);
    expect(existsSync(target)).toBe(false);

    const foreign = openDatabase(join(dir, 'foreign-src.db'));
    foreign.sqlite.exec("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('x', 1)");
    foreign.sqlite.prepare('VACUUM INTO ?').run(join(dir, 'newer.db'));
    foreign.close();
    const newer = restoreDatabase(target, join(dir, 'newer.db'), new Date());
    expect(newer.ok).toBe(false);
    if (!newer.ok) expect(newer.error[0]).toContain('newer or different version of writeoff');
  });

  it('keeps the database it replaces and says what was there', () => {
    const source = openDatabase(join(dir, 'source.db'));
    const backup = join(dir, 'source-backup.db');
    expect(backupDatabase(sqliteStore(source), backup).ok).toBe(true);
    source.close();
    const target = join(dir, 'replace-me.db');
    openDatabase(target).close();
    const now = new Date('2026-12-01T21:30:00.000Z');
    const result = restoreDatabase(target, backup, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.keptAs).toBe(`${target}.replaced-2026-12-01T213000Z`);
    expect(result.value.replaced?.journalEntries).toBe(0);
    expect(existsSync(`${target}.replaced-2026-12-01T213000Z`)).toBe(true);
  });
});
