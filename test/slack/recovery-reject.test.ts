// Rejecting a recovery proposal (docs/write-off-rules.md#recovery): "Reject recovery" in the
// request's thread opens a reason modal through the real receiver, like rejecting a request; a
// blank reason and the original requester are refused; a rejection posts nothing, is audited,
// and the thread and the requester are told. `writeoff reject --recovery` does the same.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAuditTrail } from '../../src/app/request-views.ts';
import { ids } from '../../src/slack/ids.ts';
import { appDeps } from '../support/app.ts';
import { expectValidMessage, expectValidView } from '../support/block-kit.ts';
import { viewSubmission } from '../support/slack-request.ts';
import {
  APPROVER,
  BIG_APPROVER,
  CLERK,
  callText,
  click,
  dmsTo,
  journalEntries,
  manual,
  submitAndAnnounce,
} from './approval-helpers.ts';
import { type RecoveryWorld, recoveryClick, startRecoveryWorld } from './recovery-helpers.ts';

let w: RecoveryWorld;
beforeEach(async () => {
  w = await startRecoveryWorld();
});
afterEach(() => w.close());

/** 1001 written off in full and approved; the ERP then shows it 50.00 in credit. */
async function proposed() {
  const posted = await submitAndAnnounce(w.t, manual({ invoices: [{ invoice: '1001' }] }));
  await w.t.send(click(ids.approval.approveAction, posted, APPROVER));
  expect(w.reimport1001('-50.00')).toEqual(['RC-000001']);
  await w.deliver();
  return posted;
}

const statusOf = (id: string) =>
  w.database.sqlite
    .prepare(
      'SELECT status, rejection_reason AS reason, decided_by AS by FROM recoveries WHERE id = ?',
    )
    .get(id);

function submitReason(
  modal: { callback_id: string; private_metadata: string },
  userId: string,
  reason: string,
) {
  return w.t.send(
    viewSubmission({
      callbackId: modal.callback_id,
      privateMetadata: modal.private_metadata,
      userId,
      values: {
        [ids.approval.reasonBlock]: {
          [ids.approval.reasonInput]: { type: 'plain_text_input', value: reason },
        },
      },
    }),
  );
}

describe('rejecting a recovery proposal', () => {
  it('in Slack: asks for a reason, posts nothing, audits and tells the thread and the requester', async () => {
    const posted = await proposed();
    const note = w.t.fake
      .calls('chat.postMessage')
      .find((c) => callText(c).includes('Recovery proposed'));
    expectValidMessage(note?.args);
    expect(callText(note)).toContain(ids.recovery.rejectAction);

    // The original requester is refused before any modal opens.
    await w.t.send(recoveryClick(ids.recovery.rejectAction, 'RC-000001', posted, CLERK, 'trig-0'));
    expect(w.t.fake.calls('views.open')).toHaveLength(0);
    expect(w.t.fake.calls('chat.postEphemeral').at(-1)?.args.text).toContain(
      'recovery of your own write-off',
    );

    await w.t.send(
      recoveryClick(ids.recovery.rejectAction, 'RC-000001', posted, APPROVER, 'trig-1'),
    );
    const opened = w.t.fake.calls('views.open')[0];
    expect(opened?.args.trigger_id).toBe('trig-1');
    expectValidView(opened?.args.view);
    const modal = opened?.args.view as { callback_id: string; private_metadata: string };
    expect(modal.callback_id).toBe(ids.recovery.rejectModal);
    expect(JSON.stringify(modal)).toContain('$50.00');

    const blank = await submitReason(modal, APPROVER, '  ');
    expect(blank.json).toMatchObject({ response_action: 'errors' });
    expect(statusOf('RC-000001')).toMatchObject({ status: 'pending' });

    const reason = 'The ERP only applied our write-off twice; no payment';
    const done = await submitReason(modal, APPROVER, reason);
    expect(done.text).toBe('');
    expect(statusOf('RC-000001')).toEqual({ status: 'rejected', reason, by: APPROVER });
    expect(journalEntries(w.database, posted.id)).toEqual([{ kind: 'write_off' }]);
    const audit = getAuditTrail(appDeps(w.database), posted.id).find(
      (a) => a.action === 'recovery_rejected',
    );
    expect(audit).toMatchObject({ actor: APPROVER, details: { recoveryId: 'RC-000001', reason } });
    const threadNote = w.t.fake
      .calls('chat.postMessage')
      .find((c) => c.args.thread_ts === posted.parentTs && callText(c).includes('rejected by'));
    expectValidMessage(threadNote?.args);
    const toRequester = dmsTo(w.t, CLERK).filter((c) => callText(c).includes('Recovery RC-000001'));
    expect(toRequester.map(callText).join()).toContain(reason);

    // Approving afterwards changes nothing.
    await w.t.send(recoveryClick(ids.recovery.approveAction, 'RC-000001', posted, BIG_APPROVER));
    expect(w.t.fake.calls('chat.postEphemeral').at(-1)?.args.text).toContain('already rejected');
    expect(journalEntries(w.database, posted.id)).toEqual([{ kind: 'write_off' }]);
  });

  it('from the command line: a reason and someone other than the requester', async () => {
    await proposed();
    const own = w.cli('reject', '--recovery', 'RC-000001', '--by', CLERK, '--reason', 'No');
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('not allowed to decide on the recovery of their own write-off');
    const both = w.cli(
      'reject',
      '--recovery',
      'RC-000001',
      '--request',
      'WO-000001',
      '--by',
      APPROVER,
      '--reason',
      'x',
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('exactly one of --recovery');

    const done = w.cli(
      'reject',
      '--recovery',
      'RC-000001',
      '--by',
      APPROVER,
      '--reason',
      'Catch-up',
    );
    expect(done.stderr).toBe('');
    expect(done.stdout).toContain('Rejected RC-000001: nothing was posted');
    expect(w.cli('recoveries').stdout).toContain('RC-000001  rejected');
    const again = w.cli('reject', '--recovery', 'RC-000001', '--by', APPROVER, '--reason', 'x');
    expect(again.stderr).toContain('RC-000001 is already rejected');
    // The same file again proposes nothing; a further payment proposes only the new part.
    expect(w.reimport1001('-50.00')).toEqual([]);
    expect(w.reimport1001('-60.00')).toEqual(['RC-000002']);
    expect(w.cli('recoveries').stdout).toContain(
      'RC-000002  pending  WO-000001  invoice 1001  paid 10.00 USD  recover 10.00 USD',
    );
  });
});
