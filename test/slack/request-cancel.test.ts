// Cancel through the real receiver: the requester's "Cancel request" button in the DM that
// confirmed the submission and on App Home cancels a pending request once, redraws both approval
// messages without their buttons and notes it in the thread; anyone else is refused and nothing
// changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAuditTrail } from '../../src/app/request-views.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { ids } from '../../src/slack/ids.ts';
import { submittedMessage } from '../../src/slack/views/manual-confirmation.ts';
import { expectValidMessage, expectValidView } from '../support/block-kit.ts';
import { NOW_MS } from '../support/db.ts';
import { appHomeOpened, blockAction } from '../support/slack-request.ts';
import {
  APPROVER,
  type ApprovalApp,
  CLERK,
  callText,
  fromHome,
  journalEntries,
  startApprovalApp,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';

let t: ApprovalApp;
beforeEach(async () => {
  t = await startApprovalApp();
});
afterEach(() => t.close());

const DM_CHANNEL = 'D0CLERKDM';
const DM_TS = '1780000000.000100';
const deps = () => ({
  store: sqliteStore(t.database),
  now: () => new Date(NOW_MS),
});

/** A click on "Cancel request" in the clerk's DM. */
const cancelInDm = (requestId: string, userId: string) =>
  blockAction({
    actionId: ids.approval.cancelAction,
    value: requestId,
    blockId: `${ids.approval.ownerBlockPrefix}:${requestId}`,
    userId,
    channelId: DM_CHANNEL,
    messageTs: DM_TS,
  });

describe('Cancel request', () => {
  it('is offered in the DM that confirms a submission', () => {
    const message = submittedMessage({
      requestId: 'WO-000007',
      totalText: '$183.00',
      customer: 'Acme Builders (C100)',
      approvalsChannel: 'C0APPROVALS',
      threadLink: null,
    });
    expectValidMessage(message);
    expect(JSON.stringify(message.blocks)).toContain(`"action_id":"${ids.approval.cancelAction}"`);
  });

  it('by the requester from the DM cancels once, updates the thread and the DM', async () => {
    const posted = await submitAndAnnounce(t);
    const response = await t.send(cancelInDm(posted.id, CLERK));
    expect(response.status).toBe(200);
    const view = viewOf(t.database, posted.id);
    expect(view.status).toBe('cancelled');
    expect(view.controls.decidedPolicyVersion).toBe(view.controls.policyVersion);
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    const updates = t.fake.calls('chat.update');
    const threadUpdates = updates.filter((u) => u.args.channel === posted.channel);
    expect(threadUpdates.map((u) => u.args.ts).sort()).toEqual(
      [posted.parentTs, posted.replyTs].sort(),
    );
    for (const update of threadUpdates) {
      expectValidMessage(update.args);
      expect(callText(update)).toContain('Cancelled');
      expect(callText(update)).not.toContain(ids.approval.approveAction);
    }
    const note = t.fake
      .calls('chat.postMessage')
      .find((c) => c.args.thread_ts === posted.parentTs && callText(c).includes('Cancelled by'));
    expect(callText(note)).toContain(`<@${CLERK}>`);
    const dm = updates.find((u) => u.args.channel === DM_CHANNEL);
    expect(dm?.args.ts).toBe(DM_TS);
    expect(callText(dm)).toContain(`You cancelled write-off request *${posted.id}*`);
    expect(callText(dm)).not.toContain(ids.approval.cancelAction);
    const cancelled = getAuditTrail(deps(), posted.id).filter((a) => a.action === 'cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ actor: CLERK });

    // A second click (a retry, a double click) changes nothing and says so.
    await t.send(cancelInDm(posted.id, CLERK));
    expect(getAuditTrail(deps(), posted.id).filter((a) => a.action === 'cancelled')).toHaveLength(
      1,
    );
    expect(callText(t.fake.calls('chat.postEphemeral').at(-1))).toContain(
      'is cancelled, not pending',
    );
  });

  it('is refused for anyone but the requester, and changes nothing', async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(cancelInDm(posted.id, APPROVER));
    expect(viewOf(t.database, posted.id).status).toBe('pending');
    expect(getAuditTrail(deps(), posted.id).some((a) => a.action === 'cancelled')).toBe(false);
    const refusal = t.fake.calls('chat.postEphemeral').at(-1);
    expect(refusal?.args.user).toBe(APPROVER);
    expect(callText(refusal)).toContain(`not allowed to cancel ${posted.id}`);
    expect(t.fake.calls('chat.update')).toHaveLength(0);
  });

  it('is on App Home next to a pending request and cancels from there', async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(appHomeOpened({ userId: CLERK }));
    const home = t.fake.calls('views.publish').at(-1);
    expectValidView(home?.args.view);
    expect(callText(home)).toContain(`"action_id":"${ids.approval.cancelAction}"`);
    expect(callText(home)).toContain(`"value":"${posted.id}"`);
    await t.send(fromHome(cancelInDm(posted.id, CLERK)));
    expect(viewOf(t.database, posted.id).status).toBe('cancelled');
    const republished = t.fake.calls('views.publish').at(-1);
    expect(republished?.args.user_id).toBe(CLERK);
    expect(callText(republished)).toContain('_cancelled_');
    expect(callText(republished)).not.toContain(ids.approval.cancelAction);
  });
});
