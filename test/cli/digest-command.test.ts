// `writeoff digest` in-process through runCli, on a file database seeded with the digest story
// (test/support/digest-ledger.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { runCliIn } from '../support/cli.ts';
import { seedDigestWeeks } from '../support/digest-ledger.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-digest-'));
const db = join(dir, 'ledger.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const database = openDatabase(db);
  seedDigestWeeks(database);
  database.close();
});

function cli(args: string[]) {
  // Tuesday 8 December: last week is 2026-W49 in Los Angeles.
  return runCliIn(dir, () => new Date('2026-12-08T16:00:00Z'), [...args, '--db', db]);
}

describe('writeoff digest', () => {
  it('prints the JSON content for last week in the company time zone', () => {
    const { code, stdout } = cli(['digest', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      week: '2026-W49',
      timezone: 'America/Los_Angeles',
      from: '2026-11-30',
      to: '2026-12-06',
      currency: 'USD',
      posted: { total: '1000.00', requests: 2, items: 4 },
      reversed: { count: 1, total: '1000.00' },
      net: '0.00',
      changeFromPreviousWeek: '0.00',
      pendingPastSla: [
        { request: 'WO-000004', total: '50.00', submittedAt: '2026-12-03T12:00:00Z' },
      ],
      rejected: 0,
      stale: 0,
    });
    expect(json.trend).toHaveLength(8);
  });

  it('takes --week and --tz', () => {
    const json = JSON.parse(
      cli(['digest', '--week', '2026-W49', '--tz', 'Pacific/Auckland', '--json']).stdout,
    );
    expect([json.week, json.timezone, json.posted.total]).toEqual([
      '2026-W49',
      'Pacific/Auckland',
      '300.00',
    ]);
  });

  it('prints readable text without --json', () => {
    const { code, stdout } = cli(['digest', '--week', '2026-W49']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Write-off digest 2026-W49 (2026-11-30 to 2026-12-06, America/Los_Angeles), USD',
    );
    expect(stdout).toMatch(/posted\s+1000\.00 {2}2 requests, 4 items/);
    expect(stdout).toContain('WO-000004');
  });

  it('names the field of a bad week or zone, exit 1', () => {
    expect(cli(['digest', '--week', '2026-49'])).toMatchObject({
      code: 1,
      stderr: 'error: week: "2026-49" is not an ISO week like 2026-W49\n',
    });
    expect(cli(['digest', '--tz', 'Nowhere/City']).stderr).toBe(
      'error: tz: "Nowhere/City" is not a time zone like Europe/Berlin\n',
    );
  });
});
