// Upgrading a database from before `on_account_items.erp_amount_minor` (migrations 0002 and
// 0003): the backfill recovers the ERP's figure from the live amount and the postings since
// the item's last import, so the first re-import after the upgrade does not resurrect a
// written-off item (ADR 031). The old database is made by dropping the column and forgetting
// the two migrations, which leaves exactly the schema of migration 0001 with its data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { previewAutomaticRun } from '../../src/app/preview-write-off.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { openDatabase } from '../../src/db/client.ts';
import { APPROVER, appDeps, CLERK, seedDatabase, unwrap } from '../support/app.ts';
import { importFixture, NOW_MS, smallArFile } from '../support/db.ts';

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
function createOldDatabase(path: string): void {
  const database = openDatabase(path);
  importFixture(database, withP10());
  seedDatabase(database); // imports the small file (without P-10) and sets up the roles
  const deps = appDeps(database, NOW_MS + 60_000);
  const run = unwrap(
    previewAutomaticRun(deps, {
      type: 'account-balance',
      value: '1000.00',
      olderThan: '2026-06-01',
      customers: { from: 'C100', to: 'C100' },
      period: '2026-06',
      date: '2026-06-15',
    }),
  );
  const { requestId } = unwrap(submitRequest(deps, { ...run, requester: CLERK }));
  unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
  database.sqlite.exec(`
    ALTER TABLE on_account_items DROP COLUMN erp_amount_minor;
    DELETE FROM __drizzle_migrations WHERE rowid IN
      (SELECT rowid FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 2);`);
  database.close();
}

describe('migrating to the stored ERP figure of on-account items', () => {
  it('backfills it so that re-importing the same file keeps the write-off', () => {
    const path = join(dir, 'old.db');
    createOldDatabase(path);

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
