// The buttons that open the write-off modal from outside `/writeoff`: "New write-off" on the
// Home tab, and "Open a fresh preview" in a DM about a stale request sent before "Edit and
// resubmit" replaced it (ADR 220): such messages stay in people's DMs, so the old button keeps
// opening the same customer and invoices at today's balances, on the invoice step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, manualIds } from '../../src/slack/ids.ts';
import { expectValidView } from '../support/block-kit.ts';
import { importFixture, smallArFile } from '../support/db.ts';
import { blockAction } from '../support/slack-request.ts';
import {
  APPROVER,
  type ApprovalApp,
  CLERK,
  click,
  startApprovalApp,
  submitAndAnnounce,
} from './approval-helpers.ts';

let t: ApprovalApp;
beforeEach(async () => {
  t = await startApprovalApp();
});
afterEach(() => t.close());

function swappedIn(): { callback_id: string } & Record<string, unknown> {
  const [opened] = t.fake.calls('views.open');
  expect((opened?.args.view as { callback_id?: string } | undefined)?.callback_id).toBe(
    manualIds.loadingCallback,
  );
  const update = t.fake.calls('views.update').at(-1);
  expectValidView(update?.args.view);
  return update?.args.view as { callback_id: string };
}

describe('New write-off on the Home tab', () => {
  it('opens the write-off form', async () => {
    await t.send(blockAction({ actionId: ids.home.newWriteOffAction, userId: CLERK }));
    expect(swappedIn().callback_id).toBe(manualIds.formCallback);
  });
});

describe('Open a fresh preview (stale request, a DM sent before Edit and resubmit)', () => {
  /** Submits the usual request, re-imports 1001's first line as `due`, then the approver clicks. */
  async function staleRequest(due = '100.00') {
    const posted = await submitAndAnnounce(t);
    const file = smallArFile();
    const line = file.invoices[0]?.lines[0];
    if (line === undefined) throw new Error('fixture changed');
    line.due = due;
    importFixture(t.database, file);
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    return posted;
  }

  /** The requester clicks "Open a fresh preview" in their DM. */
  async function requesterOpensFreshPreview(requestId: string) {
    await t.send(
      blockAction({
        actionId: ids.approval.refreshPreviewAction,
        value: requestId,
        userId: CLERK,
        channelId: 'DCLERK',
      }),
    );
  }

  it('reopens the same invoices at today’s balances on the invoice step', async () => {
    const posted = await staleRequest();
    await requesterOpensFreshPreview(posted.id);
    const view = swappedIn();
    expect(view.callback_id).toBe(manualIds.invoicesCallback);
    const text = JSON.stringify(view);
    expect(text).toContain('1001');
    // The partial 40.00 of invoice 1002 is kept; 1001 comes back at its fresh full balance.
    expect(text).toContain('40.00');
    expect(text).toContain('136.00');
  });

  it('brings a full write-off back at the grown balance, keeping the real partial', async () => {
    const posted = await staleRequest('117.00'); // 1001 grows from $143.00 to $153.00
    await requesterOpensFreshPreview(posted.id);
    // 1001 was written off in full ($143.00): it returns in full at $153.00, not as a partial
    // $143.00; 1002 keeps its partial $40.00.
    expect(JSON.stringify(swappedIn())).toContain('2 of 2 invoices selected · total $193.00');
  });

  it('is refused to anyone but the requester', async () => {
    const posted = await staleRequest();
    await t.send(
      blockAction({
        actionId: ids.approval.refreshPreviewAction,
        value: posted.id,
        userId: APPROVER,
      }),
    );
    const view = swappedIn();
    expect(view.callback_id).toBe(manualIds.messageCallback);
    expect(JSON.stringify(view)).toContain('only its requester may');
  });
});
