// write_off_request_items (ADR 217): submit writes each request's lines summed per item, and
// migration 0011's backfill computes the same rows for requests made before the table existed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { databaseOf } from '../../src/db/sqlite-store.ts';
import { createTestDatabase } from '../support/db.ts';
import { seedDigestWeeks } from '../support/digest-ledger.ts';

const MIGRATION = new URL('../../db/migrations/0011_digest_request_items.sql', import.meta.url);

describe('per-item sums of request lines', () => {
  it('are written at submit, and the migration’s backfill writes the same rows', () => {
    const database = databaseOf(seedDigestWeeks(createTestDatabase()).store);
    const rows = () =>
      database.sqlite
        .prepare('SELECT * FROM write_off_request_items ORDER BY request_id, seq')
        .all();
    const written = rows();
    expect(written.length).toBeGreaterThan(5);
    const lines = database.sqlite
      .prepare('SELECT sum(amount_minor) AS total FROM write_off_request_lines')
      .get() as { total: number };
    const items = database.sqlite
      .prepare('SELECT sum(amount_minor) AS total FROM write_off_request_items')
      .get() as { total: number };
    expect(items.total).toBe(lines.total);

    const backfill = readFileSync(MIGRATION, 'utf8').split('--> statement-breakpoint')[1] ?? '';
    expect(backfill).toContain('INSERT INTO');
    database.sqlite.exec('DELETE FROM write_off_request_items');
    database.sqlite.exec(backfill);
    expect(rows()).toEqual(written);
  });
});
