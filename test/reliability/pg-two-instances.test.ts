// Exactly one posting across two instances: two real bots (src/main.ts, as `npm start` runs
// them) on ONE PostgreSQL database, as behind a load balancer. For each pending request, 10
// signed Approve clicks arrive at the same instant, spread over both instances, and each is
// delivered three times (the original and two Slack retries, each retry to the other instance).
// Whatever the interleaving, each request gets one journal entry and one `posted` audit row, the
// ledger invariants hold, no delivery gets a 5xx and no listener fails; every other click is
// told why it changed nothing. Exactly-once rests on the database (ADR 230), not on a process.
// Requests: 2 in `npm test`, 10 in `npm run test:reliability`. Needs TEST_DATABASE_URL.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ids } from '../../src/slack/ids.ts';
import { startFakeSlackApi } from '../support/fake-slack-api.ts';
import { blockAction, postSigned, slackDelivery } from '../support/slack-request.ts';
import { APPROVALS_CHANNEL, type Instance, startInstance } from './support/instances.ts';
import { APPROVERS, tempDir } from './support/ledger.ts';
import { pendingRequests } from './support/pg-requests.ts';
import { freshServerDatabase, withoutServer } from './support/pg-server.ts';
import { recordFigures, scaled } from './support/scale.ts';

const REQUESTS = scaled(2, 10);
const CLICKS = 10;
const DELIVERIES = 3;
/** How long the clicks may take to be handled once all were acknowledged. */
const SETTLE_MS = 60_000;
const dir = tempDir('pg-two-instances');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const statuses = (responses: readonly { status: number }[]) => {
  const tally = new Map<number, number>();
  for (const r of responses) tally.set(r.status, (tally.get(r.status) ?? 0) + 1);
  return [...tally].map(([status, n]) => `${n}×${status}`).join(' ');
};

const until = async (done: () => Promise<boolean> | boolean, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

describe.skipIf(withoutServer())('two instances on one PostgreSQL database', () => {
  it(`post each of ${REQUESTS} request(s) exactly once under clicks and retries to both`, async () => {
    const started = Date.now();
    const db = await freshServerDatabase();
    const fake = await startFakeSlackApi();
    const instances: Instance[] = [];
    let both: Promise<unknown> = Promise.resolve();
    try {
      // Both start (and race to migrate) while the ledger is imported.
      both = Promise.all([
        startInstance('a', db.as('writeoff-a'), fake.url),
        startInstance('b', db.as('writeoff-b'), fake.url),
      ]).then((started) => instances.push(...started));
      const requestIds = pendingRequests(db.url, dir, { requests: REQUESTS });
      const baseline = await db.dueSnapshot();
      await both;
      const startAt = Date.now() + 500;
      await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
      const deliveries = requestIds.flatMap((requestId) =>
        Array.from({ length: CLICKS }, (_, click) => {
          const request = blockAction({
            actionId: ids.approval.approveAction,
            value: requestId,
            userId: APPROVERS[click % APPROVERS.length] ?? APPROVERS[0],
            channelId: APPROVALS_CHANNEL,
            messageTs: `1750000000.${String(click).padStart(6, '0')}`,
            responseUrl: fake.responseUrl(),
          });
          return Array.from({ length: DELIVERIES }, (_, retry) => {
            const to = instances[(click + retry) % instances.length] as Instance;
            return postSigned(`${to.origin}/slack/events`, request, slackDelivery(retry));
          });
        }).flat(),
      );
      const responses = await Promise.all(deliveries);
      const acked = responses.filter((r) => r.status === 200).length;
      const posted = () =>
        db.count(
          "SELECT count(*) FROM write_off_requests WHERE status = 'posted' AND id = ANY($1)",
          [requestIds],
        );
      // Every acknowledged click ends in the posting, a refusal told to the clicker, or an
      // error told through its response_url.
      const told = () => fake.calls('chat.postEphemeral').length + fake.responses().length;
      const settled = await until(
        async () => (await posted()) === REQUESTS && told() + REQUESTS >= acked,
        SETTLE_MS,
      );
      const failures: string[] = [];
      for (const id of requestIds) {
        const entries = await db.count(
          "SELECT count(*) FROM journal_entries WHERE request_id = $1 AND kind = 'write_off'",
          [id],
        );
        const audits = await db.count(
          "SELECT count(*) FROM audit_log WHERE request_id = $1 AND action = 'posted'",
          [id],
        );
        const [row] = await db.query('SELECT status FROM write_off_requests WHERE id = $1', [id]);
        if (entries !== 1 || audits !== 1 || row?.status !== 'posted')
          failures.push(`${id}: ${entries} entries, ${audits} posted audits, ${row?.status}`);
      }
      failures.push(...(await db.violations(baseline)));
      const errors = instances.flatMap((i) => i.errors().map((e) => `${i.name}: ${e}`));
      const serverErrors = responses.filter((r) => r.status >= 500).length;
      recordFigures({
        suite: 'PostgreSQL: two instances, concurrent approvals',
        trials: REQUESTS,
        cases: responses.length,
        failures: failures.length + errors.length + serverErrors + (settled ? 0 : 1),
        note: `HTTP ${statuses(responses)}; ${fake.calls('chat.postEphemeral').length} refusals told; ${Math.round((Date.now() - started) / 1000)} s`,
      });
      expect(failures).toEqual([]);
      expect(errors).toEqual([]);
      expect(serverErrors).toBe(0);
      expect(settled, `${told()} clicks told of ${acked - REQUESTS} expected`).toBe(true);
    } finally {
      await both.catch(() => undefined);
      await Promise.all(instances.map((i) => i.stop()));
      await fake.close();
      await db.drop();
    }
  }, 240_000);
});
