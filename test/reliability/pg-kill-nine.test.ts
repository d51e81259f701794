// Kill -9 of an instance while it posts, with a second instance on the same PostgreSQL
// database. Each trial submits a few large requests (every open invoice of a customer: 90
// lines each in `npm test`, 300 at full size), clicks Approve for all of them on one instance and SIGKILLs it as soon as the
// server shows that instance inside a writing transaction. The server rolls the torn
// transaction back with the connection: every request is posted 0 or 1 times and the ledger
// invariants hold. The other instance is then clicked for the same requests and posts the rest,
// exactly once. The killed instance is restarted and is the next trial's survivor.
// Trials: 2 in `npm test`, 12 in `npm run test:reliability`. Needs TEST_DATABASE_URL.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArFileSpec } from '../../scripts/generate-ar-file.ts';
import { ids } from '../../src/slack/ids.ts';
import { startFakeSlackApi } from '../support/fake-slack-api.ts';
import { blockAction, postSigned } from '../support/slack-request.ts';
import { APPROVALS_CHANNEL, type Instance, startInstance } from './support/instances.ts';
import { APPROVERS, tempDir } from './support/ledger.ts';
import { pendingRequests } from './support/pg-requests.ts';
import { freshServerDatabase, type ServerDatabase, withoutServer } from './support/pg-server.ts';
import { recordFigures, scaled } from './support/scale.ts';

const TRIALS = scaled(2, 12);
const PER_TRIAL = 3;
/** Invoices of 3 lines per customer: a request posts 90 lines (npm test) or 300. */
const INVOICES_PER_CUSTOMER = scaled(30, 100);
const LEDGER: ArFileSpec = {
  seed: 11,
  customers: TRIALS * PER_TRIAL + 2,
  invoices: (TRIALS * PER_TRIAL + 2) * INVOICES_PER_CUSTOMER,
  linesPerInvoice: 3,
  onAccount: 10,
};
const dir = tempDir('pg-kill-nine');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (done: () => Promise<boolean>, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
};

function approveAll(instance: Instance, requestIds: readonly string[], responseUrl: string) {
  return requestIds.map((requestId, n) =>
    postSigned(
      `${instance.origin}/slack/events`,
      blockAction({
        actionId: ids.approval.approveAction,
        value: requestId,
        userId: APPROVERS[n % APPROVERS.length] ?? APPROVERS[0],
        channelId: APPROVALS_CHANNEL,
        responseUrl,
      }),
    ).catch(() => ({ status: 0 })),
  );
}

/** The instance's server sessions that hold a transaction id (wrote something). */
const writing = (db: ServerDatabase, name: string) =>
  db.query(
    'SELECT query FROM pg_stat_activity WHERE application_name = $1 AND backend_xid IS NOT NULL',
    [name],
  );

const postedCount = (db: ServerDatabase, requestIds: readonly string[]) =>
  db.count(
    "SELECT count(*) FROM journal_entries WHERE kind = 'write_off' AND request_id = ANY($1)",
    [requestIds],
  );

describe.skipIf(withoutServer())('kill -9 of one of two instances while it posts', () => {
  it(`leaves each request posted 0 or 1 times and the other instance posts the rest (${TRIALS} trials)`, async () => {
    const started = Date.now();
    const db = await freshServerDatabase();
    const fake = await startFakeSlackApi();
    const names = ['writeoff-a', 'writeoff-b'] as const;
    const running: (Instance | undefined)[] = [];
    let both: Promise<unknown> = Promise.resolve();
    const failures: string[] = [];
    const errors: string[] = [];
    let midTransaction = 0;
    let postedBeforeKill = 0;
    let postedAfter = 0;
    const statements = new Set<string>();
    try {
      const start = (i: number) =>
        startInstance(names[i] as string, db.as(names[i] as string), fake.url);
      // Both start (and race to migrate) while the ledger is imported.
      both = Promise.all([start(0), start(1)]).then((started) => running.push(...started));
      pendingRequests(db.url, dir, { requests: 0, ledger: LEDGER });
      const baseline = await db.dueSnapshot();
      await both;
      for (let trial = 0; trial < TRIALS; trial += 1) {
        const requestIds = pendingRequests(db.url, dir, {
          requests: PER_TRIAL,
          ledger: LEDGER,
          seed: false,
          fromCustomer: trial * PER_TRIAL,
        });
        const victim = trial % 2;
        const survivor = 1 - victim;
        const killed = running[victim] as Instance;
        const clicks = approveAll(killed, requestIds, fake.responseUrl());
        let seen: string[] = [];
        const landed = await until(async () => {
          seen = (await writing(db, names[victim] as string)).map((r) => String(r.query));
          return seen.length > 0;
        }, 30_000);
        await killed.kill9();
        errors.push(...killed.errors());
        // Restarted at once, while the other instance finishes the trial.
        const restarted = start(victim);
        await Promise.all(clicks);
        if (landed) midTransaction += 1;
        for (const q of seen) statements.add(q.replace(/\s+/g, ' ').slice(0, 40));
        // The server notices the closed connections and rolls their transactions back.
        await until(async () => (await writing(db, names[victim] as string)).length === 0, 10_000);
        const afterKill = await postedCount(db, requestIds);
        postedBeforeKill += afterKill;
        const torn = await db.violations(baseline);
        if (torn.length > 0) failures.push(`trial ${trial} after the kill: ${torn.slice(0, 3)}`);
        // The other instance is clicked for every request: it posts what the kill left pending.
        const survivorClicks = await Promise.all(
          approveAll(running[survivor] as Instance, requestIds, fake.responseUrl()),
        );
        const done = await until(
          async () => (await postedCount(db, requestIds)) === requestIds.length,
          60_000,
        );
        const posted = await postedCount(db, requestIds);
        postedAfter += posted - afterKill;
        if (!done || survivorClicks.some((r) => r.status !== 200)) {
          const left = await db.query(
            'SELECT id, status FROM write_off_requests WHERE id = ANY($1) AND posted_entry_id IS NULL',
            [requestIds],
          );
          failures.push(
            `trial ${trial}: ${posted} of ${requestIds.length} posted after the kill (clicks ${survivorClicks.map((r) => r.status)}; left ${left.map((r) => `${r.id} ${r.status}`)})`,
          );
        }
        const after = await db.violations(baseline);
        if (after.length > 0) failures.push(`trial ${trial} at the end: ${after.slice(0, 3)}`);
        running[victim] = await restarted;
      }
      errors.push(...running.flatMap((i) => i?.errors() ?? []));
      recordFigures({
        suite: 'PostgreSQL: kill -9 of one of two instances',
        trials: TRIALS,
        cases: TRIALS * PER_TRIAL,
        failures: failures.length + errors.length,
        note: `${midTransaction}/${TRIALS} kills inside a writing transaction (${[...statements].join(' | ')}); ${postedBeforeKill} posted before the kill, ${postedAfter} by the other instance; ${Math.round((Date.now() - started) / 1000)} s`,
      });
      expect(failures).toEqual([]);
      expect(errors).toEqual([]);
      expect(midTransaction).toBeGreaterThan(0);
    } finally {
      await both.catch(() => undefined);
      await Promise.all(running.map((i) => i?.stop()));
      await fake.close();
      await db.drop();
    }
  }, 600_000);
});
