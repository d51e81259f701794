// The digest pass on its own: a real migrated database seeded through the use-cases, the real
// WebClient pointed at the fake Slack API (DM, permalinks, the external upload flow), and
// explicit instants for `now`. A week goes out once per manager, whatever restarts, second
// processes or failed uploads do; a week missed while the bot was down goes out at start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestDigestNow } from '../../src/app/digest-now.ts';
import { setDigestSchedule, setDigestSubscription } from '../../src/app/digest-subscriptions.ts';
import { grantRole } from '../../src/app/roles.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { type DigestJobDeps, runDigestPass } from '../../src/jobs/digest-job.ts';
import { slackDigestNotifier } from '../../src/slack/digest-notifier.ts';
import { unwrap } from '../support/app.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { DIGEST_ZONE, seedDigestWeeks } from '../support/digest-ledger.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../support/fake-slack-api.ts';

const MANAGER = 'U0MGR1';
// Monday 7 December 08:00 in Los Angeles: the default slot for 2026-W49.
const MONDAY_8AM = new Date('2026-12-07T16:00:00Z');
const later = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

let dir: string;
let fake: FakeSlackApi;
let database: Database;

function jobDeps(db: Database = database, over: Partial<DigestJobDeps> = {}): DigestJobDeps {
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
  });
  return {
    store: sqliteStore(db),
    notifier: slackDigestNotifier(client),
    logger: { warn: () => undefined },
    paceMs: 0,
    ...over,
  };
}

function subscribe(userId: string, atIso = '2026-12-01T00:00:00Z', zone = DIGEST_ZONE) {
  const deps = { store: sqliteStore(database), now: () => new Date(atIso) };
  unwrap(grantRole(deps, { by: 'system:test', userId, role: 'manager' }));
  unwrap(setDigestSubscription(deps, { userId, on: true, profileTimezone: zone }));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'writeoff-digest-job-'));
  fake = await startFakeSlackApi();
  database = openDatabase(join(dir, 'ledger.db'));
  seedDigestWeeks(database);
});
afterEach(async () => {
  await fake.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  fake.verify();
});

const digestPosts = () =>
  fake.calls('chat.postMessage').filter((c) => String(c.args.text).startsWith('Write-off digest'));

describe('runDigestPass', () => {
  it('sends last week at the manager’s hour: the DM, then the chart and the CSV in its thread', async () => {
    subscribe(MANAGER);
    expect(await runDigestPass(jobDeps(), later(MONDAY_8AM, -1))).toMatchObject({ queued: 0 });
    const report = await runDigestPass(jobDeps(), MONDAY_8AM);
    expect(report).toEqual({ queued: 1, sent: 1, failed: 0, skipped: 0 });
    const [post] = digestPosts();
    expect(post?.args.channel).toBe('D0MGR1');
    expectValidMessage(post?.args);
    // The DM and the command line agree: W49 posted 1000.00, net 0.00.
    expect(post?.args.text).toBe('Write-off digest 2026-W49: posted $1,000.00, net $0.00');
    const uploads = fake.uploads();
    expect(uploads.map((u) => u.filename)).toEqual([
      'write-offs-2026-W49.png',
      'write-offs-2026-W49.csv',
    ]);
    const ts = fake.calls('chat.postMessage').at(-1)?.args.ts;
    for (const u of uploads)
      expect(u.completed).toEqual({ channel: 'D0MGR1', threadTs: expect.any(String) });
    expect(ts).toBeUndefined();
    expect(uploads[0]?.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const csv = uploads[1]?.bytes.toString('utf8').trim().split('\r\n') ?? [];
    expect(csv).toHaveLength(1 + 4);
    expect(csv[1]).toMatch(
      /^WO-000002,2026-12-01T18:00:00Z,2026-12-01,U0ANN,C100,Acme Builders,2001,1,,2026-09-02,100\.00,/,
    );
  });

  it('a zone chosen in App Home wins over the profile’s: sent at 08:00 there, about its week', async () => {
    subscribe(MANAGER); // profile: Los Angeles
    const deps = {
      store: sqliteStore(database),
      now: () => new Date('2026-12-02T00:00:00Z'),
    };
    unwrap(setDigestSchedule(deps, { userId: MANAGER, timezone: 'Pacific/Auckland' }));
    // Monday 7 December 08:00 in Auckland (NZDT, UTC+13) is Sunday 19:00 UTC.
    const aucklandMonday8 = new Date('2026-12-06T19:00:00Z');
    expect(await runDigestPass(jobDeps(), later(aucklandMonday8, -1))).toMatchObject({ queued: 0 });
    expect(await runDigestPass(jobDeps(), aucklandMonday8)).toMatchObject({ queued: 1, sent: 1 });
    const blocks = JSON.stringify(digestPosts()[0]?.args.blocks);
    expect(blocks).toContain('2026-11-30 to 2026-12-06 · Pacific/Auckland');
    // Los Angeles' Monday 08:00 comes later and sends nothing more.
    expect(await runDigestPass(jobDeps(), MONDAY_8AM)).toMatchObject({ queued: 0, sent: 0 });
  });

  it('links pending requests past the SLA to their approval threads', async () => {
    database.sqlite
      .prepare(
        `UPDATE write_off_requests SET slack_channel = 'C0APPROVALS', slack_ts = '1764800000.000100' WHERE id = 'WO-000004'`,
      )
      .run();
    subscribe(MANAGER);
    await runDigestPass(jobDeps(), MONDAY_8AM);
    expect(JSON.stringify(digestPosts()[0]?.args.blocks)).toContain(
      '<https://fake-workspace.slack.com/archives/C0APPROVALS/p1764800000000100|WO-000004>',
    );
  });

  it('never sends a week twice: later passes, a restart, and two processes at once', async () => {
    subscribe(MANAGER);
    const second = openDatabase(join(dir, 'ledger.db'));
    try {
      const reports = await Promise.all([
        runDigestPass(jobDeps(), MONDAY_8AM),
        runDigestPass(jobDeps(second), MONDAY_8AM),
      ]);
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(1);
      // A restarted bot (a new connection, a later pass) finds the week recorded.
      expect(await runDigestPass(jobDeps(second), later(MONDAY_8AM, 60))).toMatchObject({
        queued: 0,
        sent: 0,
      });
    } finally {
      second.close();
    }
    expect(digestPosts()).toHaveLength(1);
    expect(fake.uploads()).toHaveLength(2);
  });

  it('sends the week missed while the bot was down at the first pass after start', async () => {
    subscribe(MANAGER);
    // Down from Sunday to Wednesday: the first pass sends 2026-W49.
    const report = await runDigestPass(jobDeps(), new Date('2026-12-09T19:00:00Z'));
    expect(report.sent).toBe(1);
    expect(digestPosts()[0]?.args.text).toContain('2026-W49');
  });

  it('catches up every week missed while down, oldest first, once each, even with two processes', async () => {
    subscribe(MANAGER, '2026-11-20T00:00:00Z');
    // Down from Friday 20 November to Wednesday 9 December: W47, W48 and W49 are owed.
    const second = openDatabase(join(dir, 'ledger.db'));
    try {
      const wednesday = new Date('2026-12-09T19:00:00Z');
      const reports = await Promise.all([
        runDigestPass(jobDeps(database, { maxPerPass: 10 }), wednesday),
        runDigestPass(jobDeps(second, { maxPerPass: 10 }), wednesday),
      ]);
      expect(reports.reduce((n, r) => n + r.queued, 0)).toBe(3);
      // Queued digests fall due 1.5 s apart; a later pass sends what was not yet due.
      await runDigestPass(jobDeps(second, { maxPerPass: 10 }), later(wednesday, 1));
      expect(await runDigestPass(jobDeps(), later(wednesday, 60 * 24))).toMatchObject({
        queued: 0,
        sent: 0,
      });
    } finally {
      second.close();
    }
    const weeks = digestPosts().map((c) => /2026-W\d\d/.exec(String(c.args.text))?.[0]);
    expect(weeks).toEqual(['2026-W47', '2026-W48', '2026-W49']);
  });

  it('after a long outage sends only the last four weeks', async () => {
    subscribe(MANAGER, '2026-10-01T00:00:00Z');
    const deps = jobDeps(database, { maxPerPass: 10 });
    const wednesday = new Date('2026-12-09T19:00:00Z');
    expect(await runDigestPass(deps, wednesday)).toMatchObject({ queued: 4 });
    await runDigestPass(deps, later(wednesday, 1));
    const weeks = digestPosts().map((c) => /2026-W\d\d/.exec(String(c.args.text))?.[0]);
    expect(weeks).toEqual(['2026-W46', '2026-W47', '2026-W48', '2026-W49']);
  });

  it('does not send a week whose slot passed before the manager subscribed', async () => {
    subscribe(MANAGER, '2026-12-08T00:00:00Z');
    expect(await runDigestPass(jobDeps(), new Date('2026-12-08T01:00:00Z'))).toMatchObject({
      queued: 0,
    });
  });

  it('a digest asked for now goes out at once, again if asked again, and leaves the scheduled send alone', async () => {
    subscribe(MANAGER);
    const tuesday = new Date('2026-12-01T20:00:00Z');
    const ask = (week?: string) =>
      unwrap(
        requestDigestNow(
          { store: sqliteStore(database), now: () => tuesday },
          { userId: MANAGER, ...(week && { week }) },
        ),
      );
    expect(ask()).toEqual({ week: '2026-W48', timezone: DIGEST_ZONE });
    expect(ask('2026-W49')).toEqual({ week: '2026-W49', timezone: DIGEST_ZONE });
    fake.failNext('files.completeUploadExternal', 'internal_error');
    expect(await runDigestPass(jobDeps(), tuesday)).toMatchObject({
      queued: 0,
      sent: 1,
      failed: 1,
    });
    // The retry only uploads: one DM per ask.
    expect(await runDigestPass(jobDeps(), later(tuesday, 5))).toMatchObject({ sent: 1 });
    expect(digestPosts().map((c) => /2026-W\d\d/.exec(String(c.args.text))?.[0])).toEqual([
      '2026-W48',
      '2026-W49',
    ]);
    // W49's scheduled send is still due at its slot, once.
    expect(await runDigestPass(jobDeps(), MONDAY_8AM)).toMatchObject({ queued: 1, sent: 1 });
    expect(await runDigestPass(jobDeps(), later(MONDAY_8AM, 1))).toMatchObject({ queued: 0 });
    expect(digestPosts()).toHaveLength(3);
    expect(fake.uploads().filter((u) => u.completed !== null)).toHaveLength(6);
  });

  it('a digest now is for managers, and for weeks that have begun', () => {
    const deps = {
      store: sqliteStore(database),
      now: () => new Date('2026-12-01T20:00:00Z'),
    };
    expect(requestDigestNow(deps, { userId: 'U0CLERK' })).toMatchObject({
      ok: false,
      error: { kind: 'not_allowed' },
    });
    subscribe(MANAGER);
    expect(requestDigestNow(deps, { userId: MANAGER, week: '2026-W50' })).toMatchObject({
      ok: false,
      error: { field: 'week', message: '2026-W50 has not begun yet (this week is 2026-W49)' },
    });
  });

  it('a failed upload is retried without posting the DM again', async () => {
    subscribe(MANAGER);
    fake.failNext('files.completeUploadExternal', 'internal_error');
    expect(await runDigestPass(jobDeps(), MONDAY_8AM)).toMatchObject({ sent: 0, failed: 1 });
    // Back-off: 30 s after the first failure.
    expect(await runDigestPass(jobDeps(), later(MONDAY_8AM, 0.25))).toMatchObject({ sent: 0 });
    expect(await runDigestPass(jobDeps(), later(MONDAY_8AM, 5))).toMatchObject({ sent: 1 });
    expect(digestPosts()).toHaveLength(1);
    expect(fake.uploads().filter((u) => u.completed !== null)).toHaveLength(2);
  });

  it('paces 200 managers without an error', async () => {
    const managers = Array.from({ length: 200 }, (_, i) => `U0M${String(i).padStart(4, '0')}`);
    for (const m of managers) subscribe(m);
    const sleeps: number[] = [];
    const deps = jobDeps(database, {
      paceMs: 1_200,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      maxPerPass: 200,
    });
    let sent = 0;
    let failed = 0;
    // One pass a minute, as the scheduler runs them; queued digests fall due 1.5 s apart.
    for (let minute = 0; minute < 10 && sent < 200; minute += 1) {
      const r = await runDigestPass(deps, later(MONDAY_8AM, minute));
      sent += r.sent;
      failed += r.failed;
    }
    expect([sent, failed]).toEqual([200, 0]);
    expect(new Set(digestPosts().map((c) => c.args.channel)).size).toBe(200);
    expect(sleeps.every((ms) => ms === 1_200)).toBe(true);
    expect(sleeps.length).toBeGreaterThanOrEqual(190);
  }, 120_000);
});
