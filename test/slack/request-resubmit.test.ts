// Edit and resubmit through the real receiver: after a rejection the requester's DM (and App
// Home) offers "Edit and resubmit", which opens the modal prefilled with the same invoices,
// amounts, comment, reason and evidence; the new request revises the old one, both approval
// messages and audit trails show the link, and approving the new request posts exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAuditTrail } from '../../src/app/request-views.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { ids, manualIds } from '../../src/slack/ids.ts';
import { expectValidView } from '../support/block-kit.ts';
import { importFixture, NOW_MS, smallArFile } from '../support/db.ts';
import { appHomeOpened, blockAction } from '../support/slack-request.ts';
import {
  APPROVER,
  type ApprovalApp,
  CLERK,
  callText,
  click,
  dmsTo,
  journalEntries,
  rejectThroughSlack,
  startApprovalApp,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';
import { openModalWith } from './manual-harness.ts';

let t: ApprovalApp;
beforeEach(async () => {
  t = await startApprovalApp();
});
afterEach(() => t.close());

const deps = () => ({
  store: sqliteStore(t.database),
  now: () => new Date(NOW_MS),
});
const controls = { reasonCode: 'dispute', evidence: 'settlement letter 2026-05-30' };
const withComment = { ...controls, comment: 'Customer disputes the 2026-05 delivery' };

const resubmitClick = (requestId: string, userId = CLERK) =>
  blockAction({
    actionId: ids.approval.resubmitAction,
    value: requestId,
    blockId: `${ids.approval.ownerBlockPrefix}:${requestId}`,
    userId,
    channelId: 'DCLERK',
  });

/** Opens "Edit and resubmit", goes through the invoice step and the preview; the new id. */
async function resubmit(oldId: string): Promise<string> {
  const modal = await openModalWith(t, resubmitClick(oldId), CLERK);
  expect(modal.callbackId()).toBe(manualIds.invoicesCallback);
  expect(modal.text()).toContain('1001');
  expect(modal.text()).toContain('40.00');
  const step = await modal.submit();
  expect(modal.callbackId(), JSON.stringify(step)).toBe(manualIds.previewCallback);
  const ack = await modal.submit();
  expect(ack?.response_action).toBe('clear');
  const row = t.database.sqlite
    .prepare('SELECT id FROM write_off_requests WHERE revises = ?')
    .get(oldId) as { id: string } | undefined;
  if (row === undefined) throw new Error(`nothing revises ${oldId}`);
  return row.id;
}

function announced(id: string) {
  const slack = viewOf(t.database, id).slack;
  if (slack === null || slack.threadTs === null) throw new Error(`${id} was not announced`);
  return { id, channel: slack.channel, parentTs: slack.ts, replyTs: slack.threadTs };
}

describe('Edit and resubmit', () => {
  it('reject → resubmit → approve: the new request revises the old one and posts once', async () => {
    const old = await submitAndAnnounce(t, undefined, CLERK, withComment);
    await rejectThroughSlack(t, old, APPROVER, 'Attach the signed settlement');
    const rejectedDm = dmsTo(t, CLERK).at(-1);
    expect(callText(rejectedDm)).toContain(`"action_id":"${ids.approval.resubmitAction}"`);

    const newId = await resubmit(old.id);
    const fresh = viewOf(t.database, newId);
    expect(fresh.status).toBe('pending');
    expect(fresh.comment).toBe(withComment.comment);
    expect(fresh.controls).toMatchObject({ ...controls, revises: [old.id] });
    expect(fresh.totalMinor).toBe(viewOf(t.database, old.id).totalMinor);

    // The audit trails link both ways; the old request's messages are redrawn to link forward.
    const submitted = getAuditTrail(deps(), newId).find((a) => a.action === 'submitted');
    expect(submitted?.details).toMatchObject({ revises: old.id });
    const forward = getAuditTrail(deps(), old.id).find((a) => a.action === 'resubmitted');
    expect(forward).toMatchObject({ actor: CLERK, details: { as: newId } });
    await t.deps.notifications.deliverFor(old.id);
    const oldParent = t.fake.calls('chat.update').findLast((u) => u.args.ts === old.parentTs);
    expect(callText(oldParent)).toContain(`*Resubmitted as:* ${newId}`);

    const posted = announced(newId);
    const newParent = t.fake
      .calls('chat.postMessage')
      .find((c) => c.args.ts === undefined && callText(c).includes(`Write-off ${newId}`));
    expect(callText(newParent)).toContain(`*Revises:* ${old.id}`);
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(viewOf(t.database, newId).status).toBe('posted');
    expect(journalEntries(t.database, newId)).toEqual([{ kind: 'write_off' }]);
    expect(journalEntries(t.database, old.id)).toEqual([]);
  });

  it('is offered on App Home for a rejected request, once: a second resubmit is refused', async () => {
    const old = await submitAndAnnounce(t, undefined, CLERK, withComment);
    await rejectThroughSlack(t, old, APPROVER, 'Wrong period');
    await t.send(appHomeOpened({ userId: CLERK }));
    const home = t.fake.calls('views.publish').at(-1);
    expectValidView(home?.args.view);
    expect(callText(home)).toContain(`"action_id":"${ids.approval.resubmitAction}"`);
    const newId = await resubmit(old.id);
    await t.send(resubmitClick(old.id));
    const refused = t.fake.calls('views.update').at(-1);
    expect(refused?.args.view).toMatchObject({ callback_id: manualIds.messageCallback });
    expect(callText(refused)).toContain(`already resubmitted as ${newId}`);
  });

  it('a stale request: its DM offers Edit and resubmit, which revises it', async () => {
    const old = await submitAndAnnounce(t, undefined, CLERK, withComment);
    const file = smallArFile();
    const line = file.invoices[0]?.lines[0];
    if (line === undefined) throw new Error('fixture changed');
    line.due = '100.00';
    importFixture(t.database, file);
    await t.send(click(ids.approval.approveAction, old, APPROVER));
    expect(viewOf(t.database, old.id).status).toBe('stale');
    const staleDm = callText(dmsTo(t, CLERK).find((c) => callText(c).includes('was not posted')));
    expect(staleDm).toContain('Edit and resubmit');
    expect(staleDm).toContain(`"block_id":"${ids.approval.ownerBlockPrefix}:${old.id}"`);
    expect(staleDm).toContain(`"action_id":"${ids.approval.resubmitAction}"`);
    expect(staleDm).not.toContain(ids.approval.refreshPreviewAction);
    const newId = await resubmit(old.id);
    expect(viewOf(t.database, newId).controls.revises).toEqual([old.id]);
  });

  it('is refused to anyone but the requester', async () => {
    const old = await submitAndAnnounce(t, undefined, CLERK, withComment);
    await rejectThroughSlack(t, old, APPROVER, 'No');
    await t.send(resubmitClick(old.id, APPROVER));
    const view = t.fake.calls('views.update').at(-1);
    expect(callText(view)).toContain('only its requester may');
  });
});
