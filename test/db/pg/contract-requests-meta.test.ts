// What the bot keeps about requests besides their lines answers alike on SQLite and PostgreSQL:
// reminders' reads, where a request lives in Slack, replayed-request signatures and the
// operational figures.
import { expect } from 'vitest';
import * as sqliteFigures from '../../../src/db/operational-figures.repo.ts';
import * as pgFigures from '../../../src/db/pg/operational-figures.repo.ts';
import * as pgReminders from '../../../src/db/pg/reminders.repo.ts';
import * as pgSignatures from '../../../src/db/pg/request-signatures.repo.ts';
import * as pgSlack from '../../../src/db/pg/request-slack.repo.ts';
import * as sqliteReminders from '../../../src/db/reminders.repo.ts';
import * as sqliteSignatures from '../../../src/db/request-signatures.repo.ts';
import * as sqliteSlack from '../../../src/db/request-slack.repo.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

const REMINDERS = pair(sqliteReminders, pgReminders, [
  'listPendingCreatedBy',
  'queuedAtMs',
  'anyPendingRequest',
]);
const SLACK = pair(sqliteSlack, pgSlack, ['recordParentMessage', 'recordDecisionReply']);
const SIGNATURES = pair(sqliteSignatures, pgSignatures, ['signatureRecorded', 'recordSignatures']);
const FIGURES = pair(sqliteFigures, pgFigures, ['readOperationalFigures']);

const DAY_MS = 86_400_000;

contract('request bookkeeping', LEDGER_FIXTURE, (test) => {
  test('lists pending requests past a cut-off, oldest first', async (s) => {
    const reminders = s.bind(REMINDERS);
    expect(await reminders.listPendingCreatedBy(T0_MS, 10)).toEqual(['WO-000002', 'WO-000003']);
    expect(await reminders.listPendingCreatedBy(T0_MS - 2 * DAY_MS, 10)).toEqual(['WO-000002']);
    expect(await reminders.listPendingCreatedBy(T0_MS, 1)).toEqual(['WO-000002']);
    expect(await reminders.queuedAtMs('nothing')).toBeNull();
    await s.exec(`INSERT INTO slack_outbox (kind, payload_json, dedupe_key, next_at_ms, created_at_ms)
      VALUES ('step:dm', '{}', 'WO-000002:reminder', 5, 4)`);
    expect(await reminders.queuedAtMs('WO-000002:reminder')).toBe(4);
  });

  test('says whether any request is pending', async (s) => {
    const reminders = s.bind(REMINDERS);
    expect(await reminders.anyPendingRequest()).toBe(true);
    await s.exec(`UPDATE write_off_requests SET status = 'cancelled' WHERE status = 'pending'`);
    expect(await reminders.anyPendingRequest()).toBe(false);
  });

  test('records the parent message and the decision reply once each', async (s) => {
    const slack = s.bind(SLACK);
    expect(await slack.recordParentMessage('WO-000002', 'C1', '1.1')).toBe(true);
    expect(await slack.recordParentMessage('WO-000002', 'C2', '2.2')).toBe(false);
    expect(await slack.recordParentMessage('WO-999999', 'C1', '1.1')).toBe(false);
    expect(await slack.recordDecisionReply('WO-000002', '1.5')).toBe(true);
    expect(await slack.recordDecisionReply('WO-000002', '1.6')).toBe(false);
    expect(
      await s.rows(`SELECT slack_channel AS c, slack_ts AS t, slack_thread_ts AS r
        FROM write_off_requests WHERE id = 'WO-000002'`),
    ).toEqual([{ c: 'C1', t: '1.1', r: '1.5' }]);
  });

  test('records signatures, reports those seen before and drops expired ones', async (s) => {
    const signatures = s.bind(SIGNATURES);
    const seenBefore = await signatures.recordSignatures(
      [
        { signature: 'v0=a', expiresAtSec: 100 },
        { signature: 'v0=b', expiresAtSec: 50 },
        { signature: 'v0=a', expiresAtSec: 100 },
      ],
      10,
    );
    expect(seenBefore).toEqual(['v0=a']);
    expect(await signatures.signatureRecorded('v0=b', 50)).toBe(true);
    expect(await signatures.signatureRecorded('v0=b', 51)).toBe(false);
    expect(
      await signatures.recordSignatures([{ signature: 'v0=b', expiresAtSec: 200 }], 60),
    ).toEqual([]);
    expect(
      await signatures.recordSignatures([{ signature: 'v0=a', expiresAtSec: 200 }], 60),
    ).toEqual(['v0=a']);
    expect(await signatures.recordSignatures([], 150)).toEqual([]);
    expect(await signatures.signatureRecorded('v0=a', 60)).toBe(false);
    expect(await signatures.signatureRecorded('v0=b', 150)).toBe(true);
  });

  test('counts what an on-call person watches', async (s) => {
    const figures = s.bind(FIGURES);
    expect(await figures.readOperationalFigures()).toEqual({
      outboxPending: 0,
      outboxFailed: 0,
      pendingRequests: 2,
      oldestPendingCreatedAtMs: T0_MS - 5 * DAY_MS,
      postings: 1,
      reversals: 0,
    });
    await s.exec(`INSERT INTO slack_outbox (kind, payload_json, dedupe_key, next_at_ms, created_at_ms,
      status) VALUES ('k', '{}', 'a', 1, 1, 'pending'), ('k', '{}', 'b', 1, 1, 'failed'),
      ('k', '{}', 'c', 1, 1, 'failed'), ('k', '{}', 'd', 1, 1, 'sent')`);
    expect(await figures.readOperationalFigures()).toMatchObject({
      outboxPending: 1,
      outboxFailed: 2,
    });
  });
});
