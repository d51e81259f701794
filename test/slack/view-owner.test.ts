// A block action names the view it came from (`view.id`), and a forged one can name someone
// else's open modal. Through the real receiver: the app only ever views.update's a modal that it
// opened for the acting user, whatever draft the payload points at.
import { describe, expect, it } from 'vitest';
import { manualIds as ids } from '../../src/slack/ids.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { createImportedDatabase } from '../support/db.ts';
import type { TestApp } from '../support/slack-app.ts';
import { TEST_TEAM_ID, TEST_USER_ID, uniqueTriggerId } from '../support/slack-request.ts';
import { stateOf } from '../support/slack-state.ts';
import { chosen, type ModalDriver, openModal, ticked } from './manual-harness.ts';

const start = appPerTest(() => ({ database: createImportedDatabase() }));
const OTHER_CLERK = 'U0CLERK02';

type Json = Record<string, unknown>;

/** A modal on its invoice step for C100, and the id Slack gave it. */
async function invoiceStep(
  t: TestApp,
  userId: string,
): Promise<{ modal: ModalDriver; id: string }> {
  const modal = await openModal(t, userId);
  const id = String(t.fake.calls('views.update').at(-1)?.args.view_id);
  modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
  await modal.submit();
  expect(modal.callbackId()).toBe(ids.invoicesCallback);
  return { modal, id };
}

/** "Select all" clicked by `userId` in a payload whose view is `shown` but claims id `viewId`. */
function forgedSelectAll(t: TestApp, userId: string, shown: Json, viewId: string) {
  const payload = {
    type: 'block_actions',
    user: { id: userId, username: 'clerk', name: 'clerk', team_id: TEST_TEAM_ID },
    api_app_id: 'A111',
    token: 'verification_token',
    container: { type: 'view', view_id: viewId },
    trigger_id: uniqueTriggerId(),
    team: { id: TEST_TEAM_ID, domain: 'workspace-domain' },
    is_enterprise_install: false,
    view: {
      ...shown,
      id: viewId,
      root_view_id: viewId,
      hash: 'h1',
      state: { values: stateOf(shown, {}) },
    },
    actions: [
      {
        action_id: ids.selectAllAction,
        block_id: ids.selectAllBlock,
        action_ts: `${Date.now() / 1000}`,
        type: 'checkboxes',
        ...ticked('all'),
      },
    ],
  };
  return t.send({
    body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    contentType: 'application/x-www-form-urlencoded',
    payload,
  });
}

const updatesOf = (t: TestApp, viewId: string) =>
  t.fake.calls('views.update').filter((c) => c.args.view_id === viewId);

describe("another user's modal", () => {
  it('is not touched when a forged action pairs its view id with the actor’s own draft', async () => {
    const t = await start();
    const victim = await invoiceStep(t, TEST_USER_ID);
    const attacker = await invoiceStep(t, OTHER_CLERK);
    expect(attacker.id).not.toBe(victim.id);
    const before = updatesOf(t, victim.id).length;

    const response = await forgedSelectAll(t, OTHER_CLERK, attacker.modal.view(), victim.id);
    expect(response.status).toBe(200);
    expect(updatesOf(t, victim.id)).toHaveLength(before);
  });

  it('is not touched when a forged action carries the victim’s view and draft', async () => {
    const t = await start();
    const victim = await invoiceStep(t, TEST_USER_ID);
    const before = updatesOf(t, victim.id).length;

    const response = await forgedSelectAll(t, OTHER_CLERK, victim.modal.view(), victim.id);
    expect(response.status).toBe(200);
    expect(updatesOf(t, victim.id)).toHaveLength(before);
  });

  it('still redraws the actor’s own modal', async () => {
    const t = await start();
    const own = await invoiceStep(t, TEST_USER_ID);
    await own.modal.act(ids.selectAllAction, { type: 'checkboxes', ...ticked('all') });
    expect(own.modal.text()).toContain('2 of 2 invoices selected');
    expect(updatesOf(t, own.id).length).toBeGreaterThan(1);
  });
});
