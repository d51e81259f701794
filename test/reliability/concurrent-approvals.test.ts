// Exactly one posting under concurrency: for each pending request, 50 approvals arrive at the
// same instant — 10 clicks through the real Slack receiver, each delivered three times (the
// original and two retries), plus two other processes approving the same requests 10 times
// each on the same database file. Whatever the interleaving, each request gets one journal
// entry, one `posted` audit row, and every other attempt a specific refusal, never a 5xx.
// Requests: 1 in `npm test`, 10 in `npm run test:reliability`.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { customerId } from '../../scripts/generate-ar-file.ts';
import { openDatabase } from '../../src/db/client.ts';
import { databaseOf } from '../../src/db/sqlite-store.ts';
import { ids } from '../../src/slack/ids.ts';
import { startTestApp } from '../support/slack-app.ts';
import { blockAction, slackDelivery } from '../support/slack-request.ts';
import { outputOf, spawnChild } from './support/children.ts';
import {
  APPROVERS,
  seedLedger,
  submitWholeCustomer,
  tempDir,
  writeLedgerFile,
} from './support/ledger.ts';
import { recordFigures, scaled } from './support/scale.ts';

const REQUESTS = scaled(1, 10);
const CLICKS = 10;
const DELIVERIES = 3;
const CHILD_ATTEMPTS = 10;
const dir = tempDir('concurrency');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function submitRequests(path: string): string[] {
  const deps = seedLedger(openDatabase(path), writeLedgerFile(dir));
  const requestIds: string[] = [];
  for (let c = 0; requestIds.length < REQUESTS; c += 1) {
    const requestId = submitWholeCustomer(deps, customerId(c));
    if (requestId !== null) requestIds.push(requestId);
  }
  databaseOf(deps.store).close();
  return requestIds;
}

describe('concurrent approvals, duplicate deliveries and a second process', () => {
  it(`post each of ${REQUESTS} request(s) exactly once`, async () => {
    const path = join(dir, 'ledger.db');
    const requestIds = submitRequests(path);
    const database = openDatabase(path);
    const app = await startTestApp({ database });
    const startAt = Date.now() + 1500;
    const children = [APPROVERS[1], APPROVERS[2]].map((approver) =>
      outputOf(
        spawnChild('approve-many.ts', [
          path,
          requestIds.join(','),
          approver,
          String(startAt),
          String(CHILD_ATTEMPTS),
        ]),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
    const deliveries = requestIds.flatMap((requestId) =>
      Array.from({ length: CLICKS }, (_, click) => {
        const request = blockAction({
          actionId: ids.approval.approveAction,
          value: requestId,
          userId: APPROVERS[click % APPROVERS.length] ?? APPROVERS[0],
          messageTs: `1750000000.${String(click).padStart(6, '0')}`,
        });
        return Array.from({ length: DELIVERIES }, (_, retry) =>
          app.send(request, slackDelivery(retry)),
        );
      }).flat(),
    );
    const responses = await Promise.all(deliveries);
    const childResults = await Promise.all(children);
    await app.stop();
    const count = (sql: string, id: string) =>
      database.sqlite.prepare(sql).pluck().get(id) as number;
    const failures: string[] = [];
    for (const id of requestIds) {
      const entries = count(
        "SELECT count(*) FROM journal_entries WHERE request_id = ? AND kind = 'write_off'",
        id,
      );
      const audits = count(
        "SELECT count(*) FROM audit_log WHERE request_id = ? AND action = 'posted'",
        id,
      );
      const status = database.sqlite
        .prepare('SELECT status FROM write_off_requests WHERE id = ?')
        .pluck()
        .get(id);
      if (entries !== 1 || audits !== 1 || status !== 'posted')
        failures.push(`${id}: ${entries} entries, ${audits} posted audits, ${String(status)}`);
    }
    const serverErrors = responses.filter((r) => r.status >= 500).length;
    const childCrashes = childResults.filter((r) => r.code !== 0).map((r) => r.err.slice(-500));
    database.close();
    const attempts = responses.length + REQUESTS * 2 * CHILD_ATTEMPTS;
    recordFigures({
      suite: 'concurrent approvals',
      trials: REQUESTS,
      cases: attempts,
      failures: failures.length + serverErrors + childCrashes.length,
      note: `HTTP ${responses.filter((r) => r.status === 200).length}×200; child outcomes ${childResults.map((r) => r.out.trim()).join(' ')}`,
    });
    expect(failures).toEqual([]);
    expect(serverErrors).toBe(0);
    expect(childCrashes).toEqual([]);
  });
});
