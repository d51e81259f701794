// `/writeoff` runs deleteDraftsOlderThan on every command: it must be an index range scan on
// drafts(updated_at_ms), not a scan of every user's drafts.
import { lt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deleteDraftsOlderThan, insertDraft } from '../../src/db/drafts.repo.ts';
import { drafts } from '../../src/db/schema.ts';
import { txOf } from '../../src/db/sqlite-store.ts';
import { createTestDatabase } from '../support/db.ts';

describe('deleting abandoned drafts', () => {
  it('searches drafts_updated_idx for the cut-off instead of scanning the table', () => {
    const { db, sqlite } = createTestDatabase();
    // The statement deleteDraftsOlderThan runs.
    const query = db.delete(drafts).where(lt(drafts.updatedAtMs, 1_000)).toSQL();
    const plan = sqlite
      .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .all(...query.params)
      .map((row) => (row as { detail: string }).detail);
    expect(plan).toEqual([
      expect.stringMatching(
        /^SEARCH drafts USING (COVERING )?INDEX drafts_updated_idx \(updated_at_ms<\?\)$/,
      ),
    ]);
  });

  it('deletes only the drafts not touched since the cut-off', () => {
    const database = createTestDatabase();
    const { db } = database;
    const tx = txOf(database);
    for (const [id, userId, atMs] of [
      ['d1', 'U1', 100],
      ['d2', 'U2', 999],
      ['d3', 'U1', 1_000],
    ] as const) {
      insertDraft(tx, { id, userId, payloadJson: '{}', createdAtMs: atMs, updatedAtMs: atMs });
    }
    expect(deleteDraftsOlderThan(tx, 1_000)).toBe(2);
    expect(db.select({ id: drafts.id }).from(drafts).all()).toEqual([{ id: 'd3' }]);
  });
});
