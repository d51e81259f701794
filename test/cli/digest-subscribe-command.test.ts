// `writeoff digest subscribe|unsubscribe|subscriptions` in-process through runCli on a file
// database: the same use-case as `/writeoff digest on|off`, refusals named by field, and a
// subscription the digest pass then sends in the chosen zone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDueDigests } from '../../src/app/digest-delivery.ts';
import { openDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { runCliIn } from '../support/cli.ts';
import { seedDigestWeeks } from '../support/digest-ledger.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-digest-sub-'));
const db = join(dir, 'ledger.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  const database = openDatabase(db);
  seedDigestWeeks(database);
  database.close();
});

const NOW = new Date('2026-12-01T12:00:00Z');
const cli = (args: string[]) => runCliIn(dir, () => NOW, [...args, '--db', db]);

describe('writeoff digest subscribe', () => {
  it('refuses people without the manager role, bad ids, days, hours and zones', () => {
    expect(cli(['digest', 'subscribe', 'U0CLERK9'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('managers only'),
    });
    expect(cli(['digest', 'subscribe', 'bob']).stderr).toContain('not a Slack user id');
    expect(cli(['roles', 'grant', 'U0MGR7', 'manager']).code).toBe(0);
    expect(cli(['digest', 'subscribe', 'U0MGR7', '--day', 'funday']).stderr).toContain('--day');
    expect(cli(['digest', 'subscribe', 'U0MGR7', '--hour', '25']).stderr).toContain('hour: 25');
    expect(cli(['digest', 'subscribe', 'U0MGR7', '--tz', 'Mars/Base']).stderr).toContain(
      'timezone: "Mars/Base"',
    );
    expect(cli(['digest', 'subscriptions']).stdout).toBe('No digest subscriptions.\n');
  });

  it('subscribes with day, hour and zone, lists, and unsubscribes keeping the schedule', () => {
    expect(cli(['roles', 'grant', 'U0MGR8', 'manager']).code).toBe(0);
    const on = cli([
      'digest',
      'subscribe',
      'U0MGR8',
      '--day',
      'tue',
      '--hour',
      '9',
      '--tz',
      'Europe/Berlin',
    ]);
    expect(on).toMatchObject({
      code: 0,
      stdout: 'Weekly digest on for U0MGR8: tue 09:00 (Europe/Berlin).\n',
    });
    expect(cli(['digest', 'subscriptions']).stdout).toContain(
      'U0MGR8       on   tue 09:00 (Europe/Berlin)',
    );
    // Tuesday 8 December 09:00 in Berlin is 08:00 UTC: the pass queues 2026-W49 then, not before.
    const database = openDatabase(db);
    try {
      const at = (iso: string) => ({
        store: sqliteStore(database),
        now: () => new Date(iso),
      });
      expect(queueDueDigests(at('2026-12-08T07:59:00Z'))).toBe(0);
      expect(queueDueDigests(at('2026-12-08T08:00:00Z'))).toBe(1);
    } finally {
      database.close();
    }
    expect(cli(['digest', 'unsubscribe', 'U0MGR8']).stdout).toBe('Weekly digest off for U0MGR8.\n');
    expect(cli(['digest', 'subscriptions']).stdout).toContain('U0MGR8       off  tue 09:00');
    // Back to the profile's (here: the company's) zone; day and hour kept.
    expect(cli(['digest', 'subscribe', 'U0MGR8', '--tz', 'profile']).stdout).toBe(
      'Weekly digest on for U0MGR8: tue 09:00 (America/Los_Angeles, profile or company).\n',
    );
  });
});
