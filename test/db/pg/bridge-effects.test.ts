// What a repository does to its arguments crosses the bridge: the progress callback of an
// automatic preview is called, and the item versions it fills make the snapshot (ADR 300).
import { afterAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../src/app/deps.ts';
import { importArFile } from '../../../src/app/import-ar-file.ts';
import { previewAutomaticRun } from '../../../src/app/preview-write-off.ts';
import { openMemoryStore } from '../../../src/db/store.ts';
import { unwrap } from '../../support/app.ts';
import { NOW_MS, smallArFile } from '../../support/db.ts';
import { openPgTestStore } from '../../support/pg-store.ts';

const RUN = {
  type: 'invoice-balance',
  value: '1000.00',
  olderThan: '2026-06-01',
  period: '2026-06',
  date: '2026-06-15',
} as const;

function preview(deps: AppDeps) {
  const progress: [number, number][] = [];
  const result = unwrap(
    previewAutomaticRun(deps, RUN, { onProgress: (done, total) => progress.push([done, total]) }),
  );
  return { result, progress };
}

describe('argument effects across the PostgreSQL bridge', () => {
  const pg = openPgTestStore('pglite');
  const sqlite = openMemoryStore();
  afterAll(() => {
    pg.close();
    sqlite.close();
  });

  it('reports progress and snapshots the versions it read, as on SQLite', () => {
    for (const store of [pg, sqlite]) unwrap(importArFile(store, smallArFile(), NOW_MS));
    const onPg = preview({ store: pg, now: () => new Date(NOW_MS) });
    const onSqlite = preview({ store: sqlite, now: () => new Date(NOW_MS) });
    expect(onPg.result.snapshot).toEqual(onSqlite.result.snapshot);
    expect(onPg.result.snapshot.invoices.size).toBeGreaterThan(0);
    expect(onPg.result.preview.totalMinor).toBe(onSqlite.result.preview.totalMinor);
    expect(onPg.progress.length).toBeGreaterThan(0);
    expect(onPg.progress.at(-1)).toEqual(onSqlite.progress.at(-1));
  });
});
