// The signature log that processes sharing one database use to refuse each other's replays:
// written in batches after the request, and never waiting on another process's write lock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedSignatureLog } from '../../src/app/request-signatures.ts';
import { openDatabase, SERVER_BUSY_TIMEOUT_MS, setBusyTimeout } from '../../src/db/client.ts';
import { createTestStore, ON_POSTGRES, sqlAll, storeOf } from '../support/backend.ts';

describe('the shared signature log', () => {
  const quiet = { warn: () => undefined };

  it('writes in a batch after the request, keeping one row per signature while its window is open', () => {
    const database = createTestStore();
    let now = 1000;
    const log = sharedSignatureLog({ store: database }, { ...quiet, nowSec: () => now });
    try {
      log.record('v0=a', 1300);
      log.record('v0=b', 1300);
      // Queued, not yet written: this process's own memory refuses a replay meanwhile.
      expect(log.seen('v0=a', now)).toBe(false);
      expect(log.flush()).toBe(true);
      expect(log.seen('v0=a', 1100)).toBe(true);
      expect(log.seen('v0=a', 1301)).toBe(false);
      now = 1400;
      log.record('v0=c', 1700);
      log.flush();
      const rows = sqlAll(database, 'SELECT signature FROM slack_request_signatures');
      expect(rows).toEqual([{ signature: 'v0=c' }]);
    } finally {
      database.close();
    }
  });

  it('says when another process recorded the same signature first', () => {
    const database = createTestStore();
    const warnings: string[] = [];
    const options = { nowSec: () => 1000, warn: (m: string) => void warnings.push(m) };
    const one = sharedSignatureLog({ store: database }, options);
    const two = sharedSignatureLog({ store: database }, options);
    try {
      one.record('v0=a', 1300);
      two.record('v0=a', 1300);
      one.flush();
      two.flush();
      expect(warnings).toEqual([expect.stringContaining('handled by two processes')]);
    } finally {
      database.close();
    }
  });
});

// SQLite's write lock held by a second connection to the file; on PostgreSQL a row lock is
// what waits, and the bridge's short lock timeout is tested in test/db/pg/.
describe.skipIf(ON_POSTGRES)('the shared memory never waits', () => {
  it('reads while another process holds the write lock, and writes once it is released', () => {
    const dir = mkdtempSync(join(tmpdir(), 'writeoff-signatures-'));
    const serving = openDatabase(join(dir, 'w.db'));
    const other = openDatabase(join(dir, 'w.db'));
    const log = sharedSignatureLog(
      { store: storeOf(serving) },
      { nowSec: () => 1000, warn: () => {} },
    );
    try {
      setBusyTimeout(serving, SERVER_BUSY_TIMEOUT_MS);
      log.record('v0=a', 1300);
      log.flush();
      other.sqlite.exec('BEGIN IMMEDIATE');
      expect(log.seen('v0=a', 1000)).toBe(true);
      log.record('v0=b', 1300);
      expect(log.flush()).toBe(false);
      expect(log.seen('v0=b', 1000)).toBe(false);
      other.sqlite.exec('ROLLBACK');
      expect(log.flush()).toBe(true);
      expect(log.seen('v0=b', 1000)).toBe(true);
    } finally {
      other.close();
      serving.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
