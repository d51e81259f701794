// A repository call's callbacks and the Maps it fills reach the caller through the PostgreSQL
// bridge as on SQLite (docs/decisions/305-bridge-callbacks-and-filled-maps.md): the automatic
// preview's progress listener and the item versions its snapshot is made of.
import { afterAll, describe, expect, it } from 'vitest';
import { importArFile } from '../../../src/app/import-ar-file.ts';
import { previewAutomaticRun } from '../../../src/app/preview-write-off.ts';
import { openTestDatabase } from '../../../src/db/client.ts';
import { pgAutocommitTx } from '../../../src/db/pg-store.ts';
import { type ItemVersions, iterateCustomerOpenItems } from '../../../src/db/repos/open-items.ts';
import { sqliteStore, txOf } from '../../../src/db/sqlite-store.ts';
import type { Store, Tx } from '../../../src/db/tx.ts';
import { unwrap } from '../../support/app.ts';
import { NOW_MS, smallArFile } from '../../support/db.ts';
import { openPgTestStore } from '../../support/pg-store.ts';

function readAll(tx: Tx) {
  const versions: ItemVersions = { invoices: new Map(), onAccount: new Map() };
  const progress: [number, number][] = [];
  const options = {
    versions,
    onCustomer: (done: number, total: number) => progress.push([done, total]),
  };
  const customers = [...iterateCustomerOpenItems(tx, {}, options)].map((c) => c.customerId);
  return { customers, versions, progress, options };
}

describe('callbacks and filled Maps across the bridge', () => {
  const pg = openPgTestStore('pglite');
  const lite = sqliteStore(openTestDatabase());
  afterAll(() => {
    pg.close();
    lite.close();
  });
  const imported = (store: Store) => unwrap(importArFile(store, smallArFile(), NOW_MS));

  it('fills the versions and calls the progress listener as SQLite does', () => {
    imported(pg);
    imported(lite);
    const onPg = readAll(pgAutocommitTx(pg));
    const onLite = readAll(txOf(lite));
    expect(onPg.customers).toEqual(onLite.customers);
    expect([...onPg.versions.invoices]).toEqual([...onLite.versions.invoices]);
    expect([...onPg.versions.onAccount]).toEqual([...onLite.versions.onAccount]);
    expect(onPg.versions.invoices.size).toBeGreaterThan(0);
    expect(onPg.progress).toEqual(onLite.progress);
    // The caller's own options object still holds its function.
    expect(typeof onPg.options.onCustomer).toBe('function');
  });

  it('gives the automatic preview the snapshot SQLite gives', () => {
    const input = {
      type: 'account-balance',
      value: '1000.00',
      olderThan: '2026-06-01',
      period: '2026-06',
      date: '2026-06-15',
    } as const;
    const deps = (store: Store) => ({ store, now: () => new Date(NOW_MS) });
    const seen: number[] = [];
    const onPg = unwrap(
      previewAutomaticRun(deps(pg), input, { onProgress: (done) => seen.push(done) }),
    );
    const onLite = unwrap(previewAutomaticRun(deps(lite), input));
    expect(onPg.snapshot).toEqual(onLite.snapshot);
    expect(onPg.preview).toEqual(onLite.preview);
    expect(seen.at(-1)).toBe(2);
  });
});
