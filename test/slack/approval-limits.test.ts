// Approver limits cover the gross amount, through the real receiver (signed requests, fake Web
// API over HTTP). The ledger has a request that nets to 0.00 with a gross amount of 1,600.00
// (test/support/net-zero.ts): the approvals messages show both, an approver without a limit
// (or under it) is refused, and a reversal needs the same limit and never the requester.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import { openTestDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { ids, manualIds } from '../../src/slack/ids.ts';
import { manual, unwrap } from '../support/app.ts';
import { expectValidMessage, expectValidView } from '../support/block-kit.ts';
import { NOW_MS } from '../support/db.ts';
import { NO_LIMIT_APPROVER, netZeroRequest, seedNetZero } from '../support/net-zero.ts';
import { TEST_APPROVALS_CHANNEL } from '../support/slack-app.ts';
import { viewSubmission } from '../support/slack-request.ts';
import {
  APPROVER,
  type ApprovalApp,
  BIG_APPROVER,
  CLERK,
  callText,
  click,
  journalEntries,
  startApprovalApp,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';
import { chosen, openModal, ticked, typed } from './manual-harness.ts';

const OTHER_BIG = 'U_BIG2';
const NET_AND_GROSS = '$0.00 net · $1,600.00 gross';

let t: ApprovalApp;
beforeEach(async () => {
  t = await startApprovalApp({ database: seedNetZero(openTestDatabase()), ownDatabase: true });
  const deps = {
    store: sqliteStore(t.database),
    now: () => new Date(NOW_MS),
  };
  unwrap(grantRole(deps, { by: 'system:test', userId: OTHER_BIG, role: 'approver' }));
  unwrap(
    setApproverLimit(deps, {
      by: 'system:test',
      userId: OTHER_BIG,
      currency: 'USD',
      amount: '100000.00',
    }),
  );
});
afterEach(() => t.close());

const lastEphemeral = () => String(t.fake.calls('chat.postEphemeral').at(-1)?.args.text);

describe('Approve checks the gross amount', () => {
  it('the approvals messages show net and gross where they differ', async () => {
    const posted = await submitAndAnnounce(t, netZeroRequest());
    const inChannel = t.fake
      .calls('chat.postMessage')
      .filter((c) => c.args.channel === TEST_APPROVALS_CHANNEL);
    const parent = inChannel.find((c) => c.args.thread_ts === undefined);
    const reply = inChannel.find((c) => c.args.thread_ts === posted.parentTs);
    for (const message of [parent, reply]) {
      expectValidMessage(message?.args);
      expect(String(message?.args.text)).toContain(NET_AND_GROSS);
      expect(callText(message)).toContain(NET_AND_GROSS);
    }
  });

  it('a request netting to 0.00 is refused to an approver with no limit and posts nothing', async () => {
    const posted = await submitAndAnnounce(t, netZeroRequest());
    await t.send(click(ids.approval.approveAction, posted, NO_LIMIT_APPROVER));
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    expect(viewOf(t.database, posted.id).status).toBe('pending');
    expect(lastEphemeral()).toBe(
      `You have no approval limit in USD; this request is $0.00 net, $1,600.00 gross, and the limit must cover the gross amount — approvers who can: <@${BIG_APPROVER}>, <@${OTHER_BIG}>.`,
    );
  });

  it('is refused to an approver whose limit covers the net total but not the gross', async () => {
    const posted = await submitAndAnnounce(t, netZeroRequest());
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    expect(lastEphemeral()).toContain(
      'Your limit is $1,000.00; this request is $0.00 net, $1,600.00 gross',
    );
    await t.send(click(ids.approval.approveAction, posted, BIG_APPROVER));
    expect(journalEntries(t.database, posted.id)).toEqual([{ kind: 'write_off' }]);
  });
});

describe('Reverse checks the gross amount and the requester', () => {
  async function postedRequest(request = netZeroRequest(), requester = CLERK) {
    const posted = await submitAndAnnounce(t, request, requester);
    const approver = requester === BIG_APPROVER ? OTHER_BIG : BIG_APPROVER;
    await t.send(click(ids.approval.approveAction, posted, approver));
    expect(viewOf(t.database, posted.id).status).toBe('posted');
    return posted;
  }

  it('an approver with a $1.00 limit cannot reverse a posted write-off', async () => {
    const posted = await postedRequest(manual());
    unwrap(
      setApproverLimit(
        { store: sqliteStore(t.database), now: () => new Date(NOW_MS) },
        { by: 'system:test', userId: APPROVER, currency: 'USD', amount: '1.00' },
      ),
    );
    await t.send(click(ids.approval.reverseAction, posted, APPROVER));
    expect(t.fake.calls('views.open')).toHaveLength(0);
    expect(lastEphemeral()).toContain('Your limit is $1.00');
    expect(lastEphemeral()).toContain('reversing');
    expect(journalEntries(t.database, posted.id)).toEqual([{ kind: 'write_off' }]);
  });

  it('an approver under the gross amount is refused before the modal, naming who can', async () => {
    const posted = await postedRequest();
    await t.send(click(ids.approval.reverseAction, posted, APPROVER));
    expect(t.fake.calls('views.open')).toHaveLength(0);
    expect(lastEphemeral()).toContain('$0.00 net, $1,600.00 gross');
    expect(lastEphemeral()).toContain(`<@${BIG_APPROVER}>, <@${OTHER_BIG}>`);
  });

  it('the original requester may not reverse, even with a large limit', async () => {
    const posted = await postedRequest(netZeroRequest(), BIG_APPROVER);
    await t.send(click(ids.approval.reverseAction, posted, BIG_APPROVER));
    expect(t.fake.calls('views.open')).toHaveLength(0);
    expect(lastEphemeral()).toContain('not allowed to reverse your own write-off request');
    expect(viewOf(t.database, posted.id).status).toBe('posted');
  });

  it('a reason submitted by someone not allowed is refused in the modal and posts nothing', async () => {
    const posted = await postedRequest();
    await t.send(click(ids.approval.reverseAction, posted, OTHER_BIG));
    const opened = t.fake.calls('views.open')[0]?.args.view as {
      callback_id: string;
      private_metadata: string;
    };
    expectValidView(opened);
    const forged = await t.send(
      viewSubmission({
        callbackId: opened.callback_id,
        privateMetadata: opened.private_metadata,
        userId: APPROVER,
        values: {
          [ids.approval.reasonBlock]: {
            [ids.approval.reasonInput]: { type: 'plain_text_input', value: 'Paid after all' },
          },
        },
      }),
    );
    expect(forged.json).toMatchObject({
      response_action: 'errors',
      errors: { [ids.approval.reasonBlock]: expect.stringContaining('$1,600.00') },
    });
    expect(journalEntries(t.database, posted.id)).toEqual([{ kind: 'write_off' }]);
  });
});

describe('the manual preview', () => {
  it('shows net and gross where they differ', async () => {
    const modal = await openModal(t);
    modal.set(manualIds.customerBlock, manualIds.customerAction, chosen('C100'));
    await modal.submit();
    for (const invoice of ['1004', '1005']) modal.setRow('select', invoice, ticked(invoice));
    modal.set(manualIds.commentBlock, manualIds.commentAction, typed('Returned trusses'));
    await modal.submit();
    expect(modal.callbackId()).toBe(manualIds.previewCallback);
    expect(modal.text()).toContain(NET_AND_GROSS);
  });
});
