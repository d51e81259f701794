// `Store.autocommit` on PostgreSQL runs outside any transaction, as on SQLite (ADR 281,
// docs/decisions/395-pg-writeoff-post-ack-cpu.md): each statement commits on its own, so what
// one wrote stays when the function throws after it, and inside an open transaction it is part
// of that transaction.
import { afterAll, describe, expect, it } from 'vitest';
import { getSetting, putSetting } from '../../../src/db/repos/settings.ts';
import type { Store } from '../../../src/db/store.ts';
import { openPgTestStore } from '../../support/pg-store.ts';
import { pgBackends } from './backends.ts';

describe.each(pgBackends())('autocommit on $backend.name', ({ backend, skip }) => {
  let store: Store | undefined;
  afterAll(() => store?.close());
  const opened = () => {
    store ??= openPgTestStore(backend.name);
    return store;
  };

  it.skipIf(skip)('commits each statement on its own', () => {
    const s = opened();
    expect(() =>
      s.autocommit((tx) => {
        putSetting(tx, 'k', 'kept');
        throw new Error('after the statement');
      }),
    ).toThrow('after the statement');
    expect(s.read((tx) => getSetting(tx, 'k'))).toBe('kept');
    expect(s.autocommit((tx) => getSetting(tx, 'k'))).toBe('kept');
  });

  it.skipIf(skip)('is part of the transaction it is called in', () => {
    const s = opened();
    expect(() =>
      s.write(() => {
        s.autocommit((tx) => putSetting(tx, 'k', 'rolled back'));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(s.read((tx) => getSetting(tx, 'k'))).toBe('kept');
  });
});
