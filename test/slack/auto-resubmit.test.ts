// Edit and resubmit of an automatic run through the real receiver: after a rejection the
// requester's DM offers "Edit and resubmit", which reopens the automatic-criteria form prefilled
// with the run's criteria, period, account, comment, reason and evidence; Preview runs them over
// today's ledger, and the request submitted from it revises the old one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewAutomaticRun } from '../../src/app/preview-write-off.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import type { AutoCriteriaInput } from '../../src/domain/automatic.ts';
import { announceRequest } from '../../src/slack/announce-request.ts';
import { autoIds, ids, manualIds, reasonIds } from '../../src/slack/ids.ts';
import { appDeps, unwrap } from '../support/app.ts';
import { importFixture, smallArFile } from '../support/db.ts';
import { blockAction } from '../support/slack-request.ts';
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
  viewOf,
} from './approval-helpers.ts';
import { openModalWith } from './manual-harness.ts';

let t: ApprovalApp;
beforeEach(async () => {
  t = await startApprovalApp();
});
afterEach(() => t.close());

/** C100's balance ($583.00 net: invoices 1001 and 1002, on-account P-9) is under $1,000.00. */
const RUN: AutoCriteriaInput = {
  type: 'account-balance',
  value: '1000.00',
  olderThan: '2026-06-01',
  startDate: '2026-01-01',
  customers: { from: 'C100', to: 'C100' },
  period: '2026-06',
  date: '2026-06-15',
  account: '7160',
};
const COMMENT = 'Year-end clean-up of Acme';
const CONTROLS = { reasonCode: 'dispute', evidence: 'Settlement letter 2026-05-30' };

async function submitAndAnnounceRun() {
  const deps = appDeps(t.database);
  const { preview, snapshot } = unwrap(previewAutomaticRun(deps, RUN));
  const { requestId } = unwrap(
    submitRequest(deps, {
      preview,
      snapshot,
      requester: CLERK,
      account: '7160',
      comment: COMMENT,
      criteria: RUN,
      ...CONTROLS,
    }),
  );
  await announceRequest(t.deps, requestId);
  const slack = viewOf(t.database, requestId).slack;
  if (slack === null || slack.threadTs === null) throw new Error(`${requestId} not announced`);
  return { id: requestId, channel: slack.channel, parentTs: slack.ts, replyTs: slack.threadTs };
}

const resubmitClick = (requestId: string) =>
  blockAction({
    actionId: ids.approval.resubmitAction,
    value: requestId,
    blockId: `${ids.approval.ownerBlockPrefix}:${requestId}`,
    userId: CLERK,
    channelId: 'DCLERK',
  });

function revisionOf(oldId: string): string | undefined {
  const row = t.database.sqlite
    .prepare('SELECT id FROM write_off_requests WHERE revises = ?')
    .get(oldId) as { id: string } | undefined;
  return row?.id;
}

describe('Edit and resubmit of an automatic run', () => {
  it('reopens the criteria prefilled; the new request revises the old one and posts once', async () => {
    const old = await submitAndAnnounceRun();
    await rejectThroughSlack(t, old, APPROVER, 'Use the small-balance account');
    expect(callText(dmsTo(t, CLERK).at(-1))).toContain(
      `"action_id":"${ids.approval.resubmitAction}"`,
    );

    const modal = await openModalWith(t, resubmitClick(old.id), CLERK);
    expect(modal.callbackId()).toBe(autoIds.criteriaCallback);
    const form = modal.text();
    for (const shown of ['1000.00', '2026-06-01', '2026-01-01', 'C100', '7160', COMMENT]) {
      expect(form).toContain(shown);
    }
    expect(form).toContain(CONTROLS.evidence);
    expect(form).toContain('"initial_option":{"text":{"type":"plain_text","text":"Settled dispute');

    await modal.submit();
    modal.adoptLatestUpdate();
    expect(modal.callbackId()).toBe(autoIds.previewCallback);
    expect(modal.text()).toContain(`*Revises*\\n${old.id}`);
    await modal.submit();

    const newId = revisionOf(old.id);
    if (newId === undefined) throw new Error(`nothing revises ${old.id}`);
    const fresh = viewOf(t.database, newId);
    expect(fresh).toMatchObject({ status: 'pending', comment: COMMENT, criteria: RUN });
    expect(fresh.controls).toMatchObject({ ...CONTROLS, revises: [old.id] });
    expect(fresh.totalMinor).toBe(viewOf(t.database, old.id).totalMinor);

    await t.deps.notifications.deliverFor(old.id);
    const oldParent = t.fake.calls('chat.update').findLast((u) => u.args.ts === old.parentTs);
    expect(callText(oldParent)).toContain(`*Resubmitted as:* ${newId}`);
    const slack = viewOf(t.database, newId).slack;
    if (slack === null || slack.threadTs === null) throw new Error(`${newId} not announced`);
    const posted = {
      id: newId,
      channel: slack.channel,
      parentTs: slack.ts,
      replyTs: slack.threadTs,
    };
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(viewOf(t.database, newId).status).toBe('posted');
    expect(journalEntries(t.database, newId)).toEqual([{ kind: 'write_off' }]);
  });

  it("a stale run: its DM offers the button, and the new run has today's balances", async () => {
    const old = await submitAndAnnounceRun();
    const file = smallArFile();
    const line = file.invoices[0]?.lines[0];
    if (line === undefined) throw new Error('fixture changed');
    line.due = '100.00';
    importFixture(t.database, file);
    await t.send(click(ids.approval.approveAction, old, APPROVER));
    expect(viewOf(t.database, old.id).status).toBe('stale');
    const staleDm = callText(dmsTo(t, CLERK).find((c) => callText(c).includes('was not posted')));
    expect(staleDm).toContain(`"action_id":"${ids.approval.resubmitAction}"`);

    const modal = await openModalWith(t, resubmitClick(old.id), CLERK);
    expect(modal.callbackId()).toBe(autoIds.criteriaCallback);
    await modal.submit();
    modal.adoptLatestUpdate();
    await modal.submit();
    const newId = revisionOf(old.id);
    if (newId === undefined) throw new Error(`nothing revises ${old.id}`);
    // Invoice 1001 went from $143.00 to $136.00: $7.00 less than the stale run.
    expect(viewOf(t.database, newId).totalMinor).toBe(viewOf(t.database, old.id).totalMinor - 700);
  });

  it('keeps what the clerk changes on the form, and a second resubmit is refused', async () => {
    const old = await submitAndAnnounceRun();
    await rejectThroughSlack(t, old, APPROVER, 'Customer paid part of it');
    const modal = await openModalWith(t, resubmitClick(old.id), CLERK);
    modal.set(autoIds.commentBlock, autoIds.commentAction, {
      type: 'plain_text_input',
      value: 'Only what is still open',
    });
    modal.set(reasonIds.evidenceBlock, reasonIds.evidenceAction, {
      type: 'plain_text_input',
      value: 'Call notes 2026-06-14',
    });
    await modal.submit();
    modal.adoptLatestUpdate();
    await modal.submit();
    const newId = revisionOf(old.id);
    if (newId === undefined) throw new Error(`nothing revises ${old.id}`);
    expect(viewOf(t.database, newId)).toMatchObject({ comment: 'Only what is still open' });
    expect(viewOf(t.database, newId).controls.evidence).toBe('Call notes 2026-06-14');

    await t.send(resubmitClick(old.id));
    const refused = t.fake.calls('views.update').at(-1);
    expect(refused?.args.view).toMatchObject({ callback_id: manualIds.messageCallback });
    expect(callText(refused)).toContain(`already resubmitted as ${newId}`);
  });
});
