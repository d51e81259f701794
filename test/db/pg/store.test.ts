// The PostgreSQL store (src/db/pg/store.ts): a write commits or rolls back as a whole, a read
// cannot write, and the health probe commits its write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSetting, putSetting } from '../../../src/db/pg/settings.repo.ts';
import { type PgStore, pgStore } from '../../../src/db/pg/store.ts';
import { pgBackends } from './backends.ts';

describe.each(pgBackends())('PostgreSQL store on $backend.name', ({ backend, skip }) => {
  let store: PgStore | undefined;
  beforeAll(async () => {
    if (!skip) store = pgStore(await backend.open());
  }, 120_000);
  afterAll(async () => store?.close(), 120_000);
  const opened = () => {
    if (store === undefined) throw new Error('database not opened');
    return store;
  };

  it.skipIf(skip)('commits a write as a whole or not at all', async () => {
    const s = opened();
    await s.write((tx) => putSetting(tx, 'a', '1'));
    const failed = await s
      .write(async (tx) => {
        await putSetting(tx, 'a', '2');
        throw new Error('refused');
      })
      .catch((e: unknown) => (e as Error).message);
    expect(failed).toBe('refused');
    expect(await s.read((tx) => getSetting(tx, 'a'))).toBe('1');
  });

  it.skipIf(skip)('refuses a write inside a read and probes with a committed write', async () => {
    const s = opened();
    await expect(s.read((tx) => putSetting(tx, 'b', '1'))).rejects.toThrow();
    expect(await s.probeWrite(42)).toEqual({ ok: true });
    expect(await s.read((tx) => getSetting(tx, 'health_probe_at_ms'))).toBe('42');
    expect(s.filePath()).toBeNull();
  });
});
