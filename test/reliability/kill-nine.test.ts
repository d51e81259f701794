// Kill -9 during posting: a child process runs random operations (mostly submit-and-approve)
// on a file database and is SIGKILLed after a random delay. After each kill the database is
// reopened (SQLite rolls back the torn transaction) and checked: every entry balances, every
// request is posted 0 or 1 times and its status agrees, the journal and the sub-ledger tell
// the same story. Then a restarted bot's outbox worker delivers every pending notification to
// a fake Slack. Trials: 3 in `npm test`, 200 in `npm run test:reliability`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/app/demo-data.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { databaseOf, sqliteStore } from '../../src/db/sqlite-store.ts';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { notifierClient, slackNotifier } from '../../src/slack/notifier.ts';
import { startFakeSlackApi } from '../support/fake-slack-api.ts';
import { capturingLogger } from '../support/slack-app.ts';
import { exited, spawnChild, waitForLine } from './support/children.ts';
import { allInvariantViolations, dueSnapshot } from './support/invariants.ts';
import { RELIABILITY_NOW_MS, seedLedger, tempDir, writeLedgerFile } from './support/ledger.ts';
import { recordFigures, scaled } from './support/scale.ts';

const TRIALS = scaled(2, 200);
const dir = tempDir('kill-nine');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pendingNotifications(path: string): number {
  const database = openDatabase(path);
  const n = database.sqlite
    .prepare("SELECT count(*) FROM slack_outbox WHERE status = 'pending'")
    .pluck()
    .get() as number;
  database.close();
  return n;
}

/**
 * What a restarted bot's scheduler does over its first minutes: worker passes until one finds
 * nothing to do. One pass takes at most 200 steps, and a child that ran long on a fast machine
 * leaves more than that (a CI run left 238).
 */
async function drainOutbox(database: Database, slackUrl: string): Promise<number> {
  const deps = {
    store: sqliteStore(database),
    notifier: slackNotifier(notifierClient('xoxb-reliability', slackUrl), 'C0APPROVALS'),
    logger: capturingLogger([]),
    admins: [],
  };
  let delivered = 0;
  for (let pass = 0; pass < 50; pass += 1) {
    const report = await runOutboxWorker(deps, new Date(RELIABILITY_NOW_MS + 3_600_000));
    delivered += report.completed;
    if (report.expanded + report.completed === 0) break;
  }
  return delivered;
}

describe('kill -9 of the bot while it posts', () => {
  it(`leaves a consistent ledger and a restarted bot finishes notifications (${TRIALS} trials)`, async () => {
    const path = join(dir, 'ledger.db');
    const seeded = seedLedger(openDatabase(path), writeLedgerFile(dir));
    const baseline = dueSnapshot(databaseOf(seeded.store));
    databaseOf(seeded.store).close();
    const fake = await startFakeSlackApi();
    const rng = seededRandom(777);
    const failures: string[] = [];
    let postedAtEnd = 0;
    let delivered = 0;
    try {
      for (let trial = 1; trial <= TRIALS; trial += 1) {
        const child = spawnChild('operation-loop.ts', [path, String(trial)]);
        await waitForLine(child, 'working');
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.floor(rng() * 200)));
        child.kill('SIGKILL');
        await exited(child);
        const database = openDatabase(path);
        const problems = allInvariantViolations(database, baseline);
        if (problems.length > 0)
          failures.push(`trial ${trial}: ${problems.slice(0, 3).join('; ')}`);
        delivered += await drainOutbox(database, fake.url);
        postedAtEnd = database.sqlite
          .prepare("SELECT count(*) FROM write_off_requests WHERE status IN ('posted', 'reversed')")
          .pluck()
          .get() as number;
        database.close();
        const left = pendingNotifications(path);
        if (left > 0)
          failures.push(`trial ${trial}: ${left} notifications still pending after restart`);
      }
    } finally {
      await fake.close();
    }
    recordFigures({
      suite: 'kill -9 during posting',
      trials: TRIALS,
      cases: postedAtEnd,
      failures: failures.length,
      note: `requests posted by the end: ${postedAtEnd}; notification steps delivered after restarts: ${delivered}`,
    });
    expect(failures).toEqual([]);
    expect(postedAtEnd).toBeGreaterThan(0);
  });
});
