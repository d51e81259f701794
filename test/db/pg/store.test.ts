// The PostgreSQL store (src/db/pg-store.ts, ADR 300): a write commits or rolls back as a whole,
// a nested write is a savepoint, a read cannot write, the health probe commits its write, and a
// use-case that lost a serialization race is run again.
import { afterAll, describe, expect, it } from 'vitest';
import { PgBridgeError } from '../../../src/db/pg-bridge.ts';
import { getSetting, putSetting } from '../../../src/db/repos/settings.ts';
import type { Store } from '../../../src/db/store.ts';
import { openPgTestStore } from '../../support/pg-store.ts';
import { pgBackends } from './backends.ts';

describe.each(pgBackends())('PostgreSQL store on $backend.name', ({ backend, skip }) => {
  let store: Store | undefined;
  afterAll(() => store?.close());
  const opened = () => {
    store ??= openPgTestStore(backend.name);
    return store;
  };

  it.skipIf(skip)('commits a write as a whole or not at all; nested writes are savepoints', () => {
    const s = opened();
    s.write((tx) => putSetting(tx, 'a', '1'));
    expect(() =>
      s.write((tx) => {
        putSetting(tx, 'a', '2');
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(s.read((tx) => getSetting(tx, 'a'))).toBe('1');
    s.write((tx) => {
      putSetting(tx, 'a', '3');
      expect(() =>
        s.write((inner) => {
          putSetting(inner, 'a', '4');
          throw new Error('inner refused');
        }),
      ).toThrow('inner refused');
    });
    expect(s.read((tx) => getSetting(tx, 'a'))).toBe('3');
  });

  it.skipIf(skip)('refuses a write inside a read and probes with a committed write', () => {
    const s = opened();
    expect(() => s.read((tx) => putSetting(tx, 'b', '1'))).toThrow();
    expect(s.probeWrite(42)).toEqual({ ok: true });
    expect(s.read((tx) => getSetting(tx, 'health_probe_at_ms'))).toBe('42');
    expect(s.filePath()).toBeNull();
    expect(s.location()).toBeNull();
  });

  it.skipIf(skip)('runs a use-case again after a serialization failure', () => {
    const s = opened();
    let attempts = 0;
    const value = s.write((tx) => {
      attempts += 1;
      putSetting(tx, 'c', String(attempts));
      if (attempts === 1) throw new PgBridgeError({ message: 'lost a race', code: '40001' });
      return attempts;
    });
    expect(value).toBe(2);
  });
});
