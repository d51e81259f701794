// The SQLite store (docs/decisions/240-store-boundary.md): a write commits, a throw rolls back
// everything written inside it, nested calls share the outer transaction, and the named
// operations answer for an in-memory database.
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../src/db/client.ts';
import { getSetting, putSetting } from '../../src/db/settings.repo.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';

describe('SQLite store', () => {
  it('commits a write and rolls back a write that throws', () => {
    const store = sqliteStore(openTestDatabase());
    store.write((tx) => putSetting(tx, 'timezone', 'UTC'));
    expect(() =>
      store.write((tx) => {
        putSetting(tx, 'timezone', 'Europe/Berlin');
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(store.read((tx) => getSetting(tx, 'timezone'))).toBe('UTC');
  });

  it('rolls back a nested write together with the outer one', () => {
    const store = sqliteStore(openTestDatabase());
    expect(() =>
      store.write(() => {
        store.write((tx) => putSetting(tx, 'timezone', 'UTC'));
        throw new Error('outer refused');
      }),
    ).toThrow('outer refused');
    expect(store.read((tx) => getSetting(tx, 'timezone'))).toBeNull();
  });

  it('has no file to share in memory and takes the health probe', () => {
    const database = openTestDatabase();
    const store = sqliteStore(database);
    expect(store.filePath()).toBeNull();
    expect(store.probeWrite(Date.UTC(2026, 0, 1))).toEqual({ ok: true });
    expect(sqliteStore(database)).toBe(store);
  });

  it('runs autocommit work outside any transaction: each statement commits on its own', () => {
    const database = openTestDatabase();
    const store = sqliteStore(database);
    const inTransaction = store.autocommit((tx) => {
      putSetting(tx, 'timezone', 'UTC');
      return database.sqlite.inTransaction;
    });
    expect(inTransaction).toBe(false);
    expect(store.autocommit((tx) => getSetting(tx, 'timezone'))).toBe('UTC');
  });
});
