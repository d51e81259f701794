// SLA reminders (docs/write-off-rules.md#reminders) through the real app and the fake Slack API:
// one reminder in the thread once the request waited the policy's slaHours, naming who can
// approve it today (a delegate instead of an approver away), then one escalation to the admins a
// further SLA period later — never more, across a restart of the process on the same database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDelegation } from '../../src/app/delegation.ts';
import { getAuditTrail } from '../../src/app/request-views.ts';
import { setApproverLimit } from '../../src/app/roles.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { runReminderPass } from '../../src/jobs/reminder-job.ts';
import {
  ADMIN,
  APPROVER,
  type ApprovalApp,
  BIG_APPROVER,
  callText,
  dmsTo,
  seedDatabaseFile,
  startApprovalApp,
  submitAndAnnounce,
} from '../slack/approval-helpers.ts';
import { appDeps, unwrap } from '../support/app.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { runCliIn } from '../support/cli.ts';
import { NOW_MS } from '../support/db.ts';

const HOUR_MS = 3_600_000;
const SLA_HOURS = 48; // the default policy's
const DELEGATE = 'U0DELEG01';
const at = (hours: number) => new Date(NOW_MS + hours * HOUR_MS);

let dir: string;
let path: string;
let database: Database;
let t: ApprovalApp | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'writeoff-reminders-'));
  path = join(dir, 'ledger.db');
  database = seedDatabaseFile(path);
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const threadNotes = (app: ApprovalApp, parentTs: string) =>
  app.fake.calls('chat.postMessage').filter((c) => c.args.thread_ts === parentTs);

describe('SLA reminders', () => {
  it('one reminder per request, then one escalation a period later, across a restart', async () => {
    t = await startApprovalApp({ database });
    const posted = await submitAndAnnounce(t); // 183.00 gross: APPROVER and BIG_APPROVER cover it
    unwrap(
      setApproverLimit(appDeps(database), {
        by: 'system:test',
        userId: DELEGATE,
        currency: 'USD',
        amount: '500.00',
      }),
    );
    unwrap(
      setDelegation(appDeps(database), {
        by: BIG_APPROVER,
        approver: BIG_APPROVER,
        delegate: DELEGATE,
        fromOn: '2026-06-15',
        untilOn: '2026-06-30',
      }),
    );
    const notesBefore = threadNotes(t, posted.parentTs).length;

    expect(await runReminderPass({ store: sqliteStore(database) }, at(SLA_HOURS - 1))).toEqual({
      reminded: [],
      escalated: [],
    });
    expect(await runReminderPass({ store: sqliteStore(database) }, at(SLA_HOURS))).toEqual({
      reminded: [posted.id],
      escalated: [],
    });
    // The same pass again, or later in the same period, queues nothing new.
    expect(await runReminderPass({ store: sqliteStore(database) }, at(SLA_HOURS + 1))).toEqual({
      reminded: [],
      escalated: [],
    });
    await runOutboxWorker(t.worker, at(SLA_HOURS + 1));
    const reminders = threadNotes(t, posted.parentTs).slice(notesBefore);
    expect(reminders).toHaveLength(1);
    expectValidMessage(reminders[0]?.args);
    expect(callText(reminders[0])).toContain('Reminder');
    expect(callText(reminders[0])).toContain(`<@${APPROVER}>`);
    expect(callText(reminders[0])).toContain(`<@${DELEGATE}>`);
    expect(callText(reminders[0])).not.toContain(`<@${BIG_APPROVER}>`);

    // Restart: the process and its connection go away; the database file stays.
    await t.close();
    database.close();
    database = openDatabase(path);
    t = await startApprovalApp({ database });

    expect(await runReminderPass({ store: sqliteStore(database) }, at(2 * SLA_HOURS - 1))).toEqual({
      reminded: [],
      escalated: [],
    });
    expect(await runReminderPass({ store: sqliteStore(database) }, at(2 * SLA_HOURS))).toEqual({
      reminded: [],
      escalated: [posted.id],
    });
    await runOutboxWorker(t.worker, at(2 * SLA_HOURS));
    const after = threadNotes(t, posted.parentTs);
    expect(after).toHaveLength(1);
    expect(callText(after[0])).toContain('escalated to the admins');
    expect(dmsTo(t, ADMIN)).toHaveLength(1);
    expect(callText(dmsTo(t, ADMIN)[0])).toContain('past the SLA');

    for (const hours of [3 * SLA_HOURS, 10 * SLA_HOURS]) {
      expect(await runReminderPass({ store: sqliteStore(database) }, at(hours))).toEqual({
        reminded: [],
        escalated: [],
      });
    }
    const listed = runCliIn(dir, () => at(10 * SLA_HOURS), ['reminders', '--db', path]).stdout;
    expect(listed).toContain(
      `${posted.id}  waiting ${10 * SLA_HOURS} h  reminded ${at(SLA_HOURS).toISOString()}  escalated ${at(2 * SLA_HOURS).toISOString()}`,
    );
    const trail = getAuditTrail(appDeps(database), posted.id).map((a) => a.action);
    expect(trail.filter((a) => a === 'reminder_sent')).toHaveLength(1);
    expect(trail.filter((a) => a === 'sla_escalated')).toHaveLength(1);
  });

  it('a bot down for several periods sends the reminder first, not both at once', async () => {
    t = await startApprovalApp({ database });
    const posted = await submitAndAnnounce(t);
    expect(await runReminderPass({ store: sqliteStore(database) }, at(5 * SLA_HOURS))).toEqual({
      reminded: [posted.id],
      escalated: [],
    });
    expect(await runReminderPass({ store: sqliteStore(database) }, at(6 * SLA_HOURS))).toEqual({
      reminded: [],
      escalated: [posted.id],
    });
  });
});
