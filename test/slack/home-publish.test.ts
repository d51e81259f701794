// App Home through the real receiver: app_home_opened publishes the viewer's lists; the
// Approve button on the Home tab runs the same handler, and the tab is republished after.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_STEP_ATTEMPTS } from '../../src/app/notification-outbox.ts';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { ids } from '../../src/slack/ids.ts';
import { expectValidView } from '../support/block-kit.ts';
import { NOW_MS } from '../support/db.ts';
import { appHomeOpened } from '../support/slack-request.ts';
import {
  ADMIN,
  APPROVER,
  type ApprovalApp,
  CLERK,
  click,
  dmsTo,
  fromHome,
  journalEntries,
  manual,
  startApprovalApp,
  submit,
  submitAndAnnounce,
} from './approval-helpers.ts';

let t: ApprovalApp;
beforeEach(async () => {
  t = await startApprovalApp();
});
afterEach(() => t.close());

function published(index = -1): string {
  const call = t.fake.calls('views.publish').at(index);
  expectValidView(call?.args.view);
  return JSON.stringify(call?.args ?? {});
}

describe('App Home', () => {
  it("shows an approver the requests awaiting them, with the thread's buttons", async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(appHomeOpened({ userId: APPROVER }));
    const view = published();
    expect(t.fake.calls('views.publish')[0]?.args.user_id).toBe(APPROVER);
    expect(view).toContain('Awaiting your approval* (1)');
    expect(view).toContain(ids.home.newWriteOffAction);
    expect(view).toContain(`"action_id":"${ids.approval.approveAction}"`);
    expect(view).toContain(`"value":"${posted.id}"`);
    expect(view).toContain('Your requests* (0)');
  });

  it('shows a clerk their pending and recent requests with status, and nothing to approve', async () => {
    const first = await submitAndAnnounce(t, manual({ invoices: [{ invoice: '1001' }] }));
    await t.send(click(ids.approval.approveAction, first, APPROVER));
    const second = await submitAndAnnounce(t, manual({ invoices: [{ invoice: '1002' }] }));
    await t.send(appHomeOpened({ userId: CLERK }));
    const view = published();
    expect(view).toContain('Your requests* (2)');
    expect(view).toContain(`*${first.id}*`);
    expect(view).toContain('_posted_');
    expect(view).toContain(`*${second.id}*`);
    expect(view).toContain('_pending approval_');
    expect(view).toContain('Awaiting your approval* (0)');
    expect(view).not.toContain(ids.approval.approveAction);
  });

  it('approving from the Home tab posts once and republishes the tab without the request', async () => {
    const posted = await submitAndAnnounce(t);
    await t.send(fromHome(click(ids.approval.approveAction, posted, APPROVER)));
    expect(journalEntries(t.database, posted.id)).toHaveLength(1);
    expect(t.fake.calls('chat.update')).toHaveLength(2);
    const view = published();
    expect(view).toContain('Awaiting your approval* (0)');
    await t.send(fromHome(click(ids.approval.approveAction, posted, APPROVER)));
    expect(journalEntries(t.database, posted.id)).toHaveLength(1);
    // No channel to be ephemeral in: the refusal arrives as a DM.
    const dm = dmsTo(t, APPROVER);
    expect(String(dm.at(-1)?.args.text)).toContain('already posted');
  });
});

describe('App Home for admins', () => {
  it('tells an admin, and only an admin, about notifications that gave up', async () => {
    submit(t.database);
    t.fake.override('chat.postMessage', { status: 500, body: 'Internal Server Error' });
    for (let pass = 0; pass < MAX_STEP_ATTEMPTS; pass += 1) {
      await runOutboxWorker(t.worker, new Date(NOW_MS + pass * 3_600_000));
    }
    t.fake.reset();
    await t.send(appHomeOpened({ userId: ADMIN }));
    const admin = published();
    expect(admin).toContain(ids.home.failedBlock);
    expect(admin).toContain('1 Slack notification failed');
    expect(admin).toContain('writeoff outbox --retry-all');
    await t.send(appHomeOpened({ userId: APPROVER }));
    expect(published()).not.toContain(ids.home.failedBlock);
  });
});
