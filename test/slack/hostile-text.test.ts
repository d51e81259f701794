// ERP and user text with Slack markup in it (mentions, disguised links) imported and typed into
// every flow through the real receiver: the modal, submit, reject, approve, reverse, App Home,
// the DMs and a help reply. Every Web API call the fake recorded (and every respond() body) is
// scanned: the only markup Slack may act on is ours (real users, the approvals channel, dates,
// permalinks).
import { afterEach, describe, expect, it } from 'vitest';
import type { ArFileV1 } from '../../src/app/import/ar-file-schema.ts';
import { setApproverLimit } from '../../src/app/roles.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { ids, manualIds as mids } from '../../src/slack/ids.ts';
import { seedDatabase, unwrap } from '../support/app.ts';
import { importFixture, NOW_MS, requestRows, smallArFile } from '../support/db.ts';
import { TEST_APPROVALS_CHANNEL } from '../support/slack-app.ts';
import {
  appHomeOpened,
  blockAction,
  slashCommand,
  viewSubmission,
} from '../support/slack-request.ts';
import {
  findUnescapedMarkup,
  HOSTILE_TEXT as H,
  type MarkupFinding,
} from '../support/slack-scan.ts';
import {
  ADMIN,
  APPROVER,
  type ApprovalApp,
  BIG_APPROVER,
  CLERK,
  click,
  dmsTo,
  manual,
  startApprovalApp,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';
import { chosen, openModal, suggestCustomers, ticked, typed } from './manual-harness.ts';

let t: ApprovalApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function hostileFile(): ArFileV1 {
  const file = smallArFile();
  const rename = <T extends { name: string }>(item: T | undefined, name: string) => {
    if (item !== undefined) item.name = name;
  };
  rename(
    file.customers.find((c) => c.id === 'C100'),
    H.customer,
  );
  rename(
    file.customers.find((c) => c.id === 'C200'),
    H.otherCustomer,
  );
  rename(
    file.accounts.find((a) => a.code === '7100'),
    H.account,
  );
  for (const invoice of file.invoices) {
    if (invoice.number === '1002') invoice.number = H.invoice;
    for (const line of invoice.lines)
      line.description = `${line.description ?? ''} ${H.description}`;
  }
  return file;
}

/** The usual cast (seedDatabase) over a ledger imported from the hostile file. */
function hostileDatabase(): Database {
  return seedDatabase(openTestDatabase(), hostileFile());
}

const hostileManual = () =>
  manual({
    comment: H.comment,
    invoices: [{ invoice: '1001' }, { invoice: H.invoice, amount: '40.00' }],
  });

function reasonSubmission(app: ApprovalApp, index: number, userId: string, reason: string) {
  const view = app.fake.calls('views.open')[index]?.args.view as {
    callback_id: string;
    private_metadata: string;
  };
  return app.send(
    viewSubmission({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      userId,
      values: {
        [ids.approval.reasonBlock]: {
          [ids.approval.reasonInput]: { type: 'plain_text_input', value: reason },
        },
      },
    }),
  );
}

type Ack = { where: string; body: unknown };

/** Scans every Web API call, respond() body and acked view for markup that is not ours. */
function expectOnlyOurMarkup(app: ApprovalApp, acks: readonly Ack[] = []): void {
  const acked = acks.map((a) => ({
    method: a.where,
    args: a.body as Record<string, unknown>,
    token: undefined,
  }));
  const findings: MarkupFinding[] = findUnescapedMarkup(
    [...app.fake.calls(), ...acked],
    app.fake.responses(),
    {
      users: [CLERK, APPROVER, BIG_APPROVER, ADMIN],
      channels: [TEST_APPROVALS_CHANNEL],
      linkPrefixes: ['https://fake-workspace.slack.com/'],
    },
  );
  expect(findings.map((f) => `${f.where}: ${f.token}`)).toEqual([]);
}

const limitAll = (app: ApprovalApp, amount: string) => {
  for (const userId of [APPROVER, BIG_APPROVER]) {
    unwrap(
      setApproverLimit(
        { store: sqliteStore(app.database), now: () => new Date(NOW_MS) },
        { by: 'system:test', userId, currency: 'USD', amount },
      ),
    );
  }
};

describe('ERP and user text in Slack', () => {
  it('never reaches Slack as markup, in any flow', async () => {
    const app = await startApprovalApp({ database: hostileDatabase(), ownDatabase: true });
    t = app;
    const acks: Ack[] = [];

    // The manual modal: type-ahead, invoice step, comment, preview, submit (announce + DM).
    await suggestCustomers(app, H.query);
    expect((await suggestCustomers(app, 'acme')).map((o) => o.value)).toEqual(['C100']);
    const modal = await openModal(app, CLERK);
    modal.set(mids.customerBlock, mids.customerAction, chosen('C100'));
    await modal.submit();
    acks.push({ where: 'invoice step', body: { blocks: modal.blocks() } });
    await modal.act(mids.selectAllAction, { type: 'checkboxes', ...ticked('all') });
    modal.set(mids.commentBlock, mids.commentAction, typed(H.comment));
    await modal.submit();
    expect(modal.callbackId()).toBe(mids.previewCallback);
    acks.push({ where: 'preview view', body: { blocks: modal.blocks() } });
    expect(await modal.submit()).toEqual({ response_action: 'clear' });
    const [first] = requestRows(app.database);
    const firstView = viewOf(app.database, String(first?.id));
    expect(firstView.status).toBe('pending');

    // Reject it with a hostile reason.
    const slack = firstView.slack;
    if (slack === null || slack.threadTs === null) throw new Error('not announced');
    const posted = {
      id: firstView.id,
      channel: slack.channel,
      parentTs: slack.ts,
      replyTs: slack.threadTs,
    };
    await app.send(click(ids.approval.rejectAction, posted, APPROVER));
    await reasonSubmission(app, app.fake.calls('views.open').length - 1, APPROVER, H.reason);
    expect(viewOf(app.database, posted.id).status).toBe('rejected');

    // Approve another, then reverse it with a hostile reason.
    const second = await submitAndAnnounce(app, hostileManual());
    await app.send(click(ids.approval.approveAction, second, APPROVER));
    expect(viewOf(app.database, second.id).status).toBe('posted');
    await app.send(click(ids.approval.reverseAction, second, BIG_APPROVER));
    await reasonSubmission(app, app.fake.calls('views.open').length - 1, BIG_APPROVER, H.reason);
    expect(viewOf(app.database, second.id).status).toBe('reversed');

    // A pending one for the Home tabs.
    await submitAndAnnounce(app, hostileManual());
    for (const userId of [CLERK, APPROVER, ADMIN]) await app.send(appHomeOpened({ userId }));
    expect(app.fake.calls('views.publish').length).toBeGreaterThanOrEqual(3);

    // A typed sub-command comes back in the help reply.
    const help = await app.send(slashCommand({ text: H.query, userId: CLERK }));
    acks.push({ where: 'help ack', body: help.json });

    expectOnlyOurMarkup(app, acks);
    // The scan looked at the messages that matter.
    expect(app.fake.calls('chat.postMessage').length).toBeGreaterThan(4);
    expect(app.fake.calls('chat.update').length).toBeGreaterThan(2);
  });

  it('never reaches Slack as markup in escalations, refusals and stale notices', async () => {
    const app = await startApprovalApp({ database: hostileDatabase(), ownDatabase: true });
    t = app;
    // Nobody's limit covers it: escalated at announcement (thread note, admin DM), refused.
    limitAll(app, '50.00');
    const escalated = await submitAndAnnounce(app, hostileManual());
    await app.send(click(ids.approval.approveAction, escalated, APPROVER));
    expect(dmsTo(app, ADMIN).length).toBeGreaterThan(0);
    expect(app.fake.calls('chat.postEphemeral').length).toBeGreaterThan(0);

    // A re-import changes the hostile invoice: approving marks it stale (note, DM with a
    // button), and the requester reopens it from the DM.
    limitAll(app, '100000.00');
    const file = hostileFile();
    const line = file.invoices.find((i) => i.number === H.invoice)?.lines[0];
    if (line === undefined) throw new Error('fixture changed');
    line.due = '400.00';
    importFixture(app.database, file);
    await app.send(click(ids.approval.approveAction, escalated, BIG_APPROVER));
    expect(viewOf(app.database, escalated.id).status).toBe('stale');
    await app.send(
      blockAction({
        actionId: ids.approval.refreshPreviewAction,
        value: escalated.id,
        userId: CLERK,
        channelId: CLERK,
      }),
    );
    expect(app.fake.calls('views.update').length).toBeGreaterThan(0);
    expectOnlyOurMarkup(app);
  });
});
