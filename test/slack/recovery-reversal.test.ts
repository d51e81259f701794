// Reverse after a recovery through the real receiver (docs/write-off-rules.md#recovery): while a
// proposal is pending, Reverse is refused before the reason modal opens; once it is posted, the
// reversal posts only what is left and the thread and the requester are told so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/slack/ids.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { viewSubmission } from '../support/slack-request.ts';
import {
  APPROVER,
  BIG_APPROVER,
  CLERK,
  callText,
  click,
  dmsTo,
  manual,
  submitAndAnnounce,
} from './approval-helpers.ts';
import { type RecoveryWorld, recoveryClick, startRecoveryWorld } from './recovery-helpers.ts';

let w: RecoveryWorld;
beforeEach(async () => {
  w = await startRecoveryWorld();
});
afterEach(() => w.close());

const reversalDebits = () =>
  w.database.sqlite
    .prepare(
      `SELECT sum(p.debit_minor) FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
       WHERE e.reference LIKE 'reversal:%' GROUP BY e.id`,
    )
    .pluck()
    .all();

describe('reversing a partly recovered write-off in Slack', () => {
  it('waits for the proposal, then reverses what is left', async () => {
    const posted = await submitAndAnnounce(w.t, manual({ invoices: [{ invoice: '1001' }] }));
    await w.t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(w.reimport1001('-50.00')).toEqual(['RC-000001']);
    await w.deliver();

    await w.t.send(
      click(ids.approval.reverseAction, posted, BIG_APPROVER, { triggerId: 'trig-a' }),
    );
    expect(w.t.fake.calls('views.open')).toHaveLength(0);
    expect(w.t.fake.calls('chat.postEphemeral').at(-1)?.args.text).toContain(
      'RC-000001 awaiting a decision',
    );

    await w.t.send(recoveryClick(ids.recovery.approveAction, 'RC-000001', posted, BIG_APPROVER));
    await w.t.send(
      click(ids.approval.reverseAction, posted, BIG_APPROVER, { triggerId: 'trig-b' }),
    );
    const modal = w.t.fake.calls('views.open')[0]?.args.view as {
      callback_id: string;
      private_metadata: string;
    };
    await w.t.send(
      viewSubmission({
        callbackId: modal.callback_id,
        privateMetadata: modal.private_metadata,
        userId: BIG_APPROVER,
        values: {
          [ids.approval.reasonBlock]: {
            [ids.approval.reasonInput]: { type: 'plain_text_input', value: 'Debt sold' },
          },
        },
      }),
    );
    // 143.00 written off, 50.00 recovered: the reversal mirrors 93.00.
    expect(reversalDebits()).toEqual([9300]);
    const note = w.t.fake
      .calls('chat.postMessage')
      .find((c) => c.args.thread_ts === posted.parentTs && callText(c).includes('reversed this'));
    expectValidMessage(note?.args);
    expect(callText(note)).toContain('for what is left after $50.00 recovered');
    expect(dmsTo(w.t, CLERK).map(callText).join()).toContain('was reversed by');
  });
});
