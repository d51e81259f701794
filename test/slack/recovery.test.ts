// Recovery (docs/write-off-rules.md#recovery): a write-off of invoice 1001 is posted; the next
// ERP file shows it 50.00 in credit (the write-off applied, then 50.00 paid). The import proposes a recovery of 50.00 and tells the
// requester; nothing is posted until an approver clicks "Approve recovery" (real receiver, fake
// Slack API), which posts one entry reversing 50.00 of the write-off — once, however often
// clicked. The CLI lists it and refuses the original requester.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { ids } from '../../src/slack/ids.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { runCliIn } from '../support/cli.ts';
import { importFixture, NOW_MS, smallArFile } from '../support/db.ts';
import { blockAction } from '../support/slack-request.ts';
import {
  APPROVER,
  type ApprovalApp,
  BIG_APPROVER,
  CLERK,
  callText,
  click,
  dmsTo,
  journalEntries,
  manual,
  seedDatabaseFile,
  startApprovalApp,
  submitAndAnnounce,
} from './approval-helpers.ts';

let dir: string;
let path: string;
let database: Database;
let t: ApprovalApp;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'writeoff-recovery-'));
  path = join(dir, 'ledger.db');
  database = seedDatabaseFile(path);
  t = await startApprovalApp({ database });
});
afterEach(async () => {
  await t.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The ERP's next file: invoice 1001 (107.00 + 36.00 of finance charge) open at `due` in all. */
function fileWith1001(due: string) {
  const file = smallArFile();
  const invoice = file.invoices[0];
  if (invoice === undefined) throw new Error('fixture has no invoice 1001');
  invoice.lines = [{ line: 1, description: 'Framing', due, tax: '0.00' }];
  return file;
}

const entries = () =>
  database.sqlite
    .prepare(
      `SELECT e.reference, e.kind, sum(p.debit_minor) AS debit, sum(p.credit_minor) AS credit
       FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
       GROUP BY e.id ORDER BY e.id`,
    )
    .all();
const cli = (...args: string[]) => runCliIn(dir, () => new Date(NOW_MS), [...args, '--db', path]);

describe('recovery after a payment on a written-off invoice', () => {
  it('is proposed by the import, approved in Slack and posted once', async () => {
    const posted = await submitAndAnnounce(t, manual({ invoices: [{ invoice: '1001' }] }));
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(journalEntries(database, posted.id)).toEqual([{ kind: 'write_off' }]);

    // 143.00 written off; the ERP applied it and then shows the invoice at -50.00: 50.00 was
    // paid on what we wrote off.
    const summary = importFixture(database, fileWith1001('-50.00'));
    expect(summary.recoveries).toEqual(['RC-000001']);
    // Nothing is posted by the import.
    expect(journalEntries(database, posted.id)).toEqual([{ kind: 'write_off' }]);
    expect(cli('recoveries').stdout).toContain(
      `RC-000001  pending  ${posted.id}  invoice 1001  paid 50.00 USD  recover 50.00 USD`,
    );

    await runOutboxWorker(t.worker, new Date(NOW_MS));
    const note = t.fake
      .calls('chat.postMessage')
      .find(
        (c) => c.args.thread_ts === posted.parentTs && callText(c).includes('Recovery proposed'),
      );
    expectValidMessage(note?.args);
    expect(callText(note)).toContain('$50.00 paid on invoice 1001');
    const toRequester = dmsTo(t, CLERK).filter((c) => callText(c).includes('RC-000001'));
    expect(toRequester).toHaveLength(1);

    // The original requester may not post it.
    const refused = cli('recover', '--recovery', 'RC-000001', '--by', CLERK);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not allowed to approve the recovery of their own write-off');

    const approve = () =>
      t.send(
        blockAction({
          actionId: ids.recovery.approveAction,
          value: 'RC-000001',
          blockId: 'recovery:RC-000001',
          userId: BIG_APPROVER,
          channelId: posted.channel,
          messageTs: posted.replyTs,
          threadTs: posted.parentTs,
        }),
      );
    await approve();
    await approve();
    expect(entries()).toEqual([
      { reference: `write-off:${posted.id}`, kind: 'write_off', debit: 14300, credit: 14300 },
      { reference: 'recovery:RC-000001', kind: 'reversal', debit: 5000, credit: 5000 },
    ]);
    expect(t.fake.calls('chat.postEphemeral').at(-1)?.args.text).toContain('already posted');
    expect(cli('recoveries').stdout).toContain(`RC-000001  posted  ${posted.id}`);
    // The same file again proposes nothing more.
    expect(importFixture(database, fileWith1001('-50.00')).recoveries).toBeUndefined();
  });

  it('proposes nothing when the ERP figure did not drop', async () => {
    const posted = await submitAndAnnounce(t, manual({ invoices: [{ invoice: '1001' }] }));
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(importFixture(database).recoveries).toBeUndefined();
    expect(importFixture(database, fileWith1001('150.00')).recoveries).toBeUndefined();
  });
});
