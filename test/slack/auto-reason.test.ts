// The reason select and evidence input on the automatic-criteria step, through the real
// receiver: Preview refuses a missing reason next to the select; the evidence threshold is
// checked on the preview step, once the run's amount is known (auto-evidence.test.ts), and a
// refusal names the field and the rule.
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../src/db/client.ts';
import { autoIds as ids, manualIds, reasonIds } from '../../src/slack/ids.ts';
import { seedDatabase } from '../support/app.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { requestRows } from '../support/db.ts';
import type { TestApp } from '../support/slack-app.ts';
import { chosen, errorsOf, type ModalDriver, openModal, typed } from './manual-harness.ts';

const start = appPerTest(() => ({ database: seedDatabase(openTestDatabase()) }));

/** An account-balance run (balances under $1,000.00, older than 2026-06-01), reason as given. */
async function criteria(app: TestApp, code: string | null, evidence = ''): Promise<ModalDriver> {
  const modal = await openModal(app);
  await modal.act(manualIds.modeAction, { type: 'radio_buttons', ...chosen('automatic') });
  await modal.act(ids.typeAction, { type: 'radio_buttons', ...chosen('account-balance') });
  modal.set(ids.valueBlock, ids.valueAction, typed('1000.00'));
  modal.set(ids.olderThanBlock, ids.olderThanAction, typed('2026-06-01'));
  modal.set(ids.commentBlock, ids.commentAction, typed('Year-end clean-up'));
  modal.set(reasonIds.reasonBlock, reasonIds.reasonAction, {
    type: 'static_select',
    selected_option: code === null ? null : { value: code },
  });
  modal.set(reasonIds.evidenceBlock, reasonIds.evidenceAction, typed(evidence));
  return modal;
}

async function previewAndSubmit(modal: ModalDriver): Promise<void> {
  await modal.submit();
  modal.adoptLatestUpdate();
  expect(modal.callbackId()).toBe(ids.previewCallback);
  await modal.submit();
  modal.adoptLatestUpdate();
}

describe('reason and evidence on the automatic-criteria step', () => {
  it('requires a reason before the preview', async () => {
    const app = await start();
    const modal = await criteria(app, null);
    expect(modal.text()).toContain('Small balance (small_balance)');
    const errors = errorsOf(await modal.submit());
    expect(errors[reasonIds.reasonBlock]).toMatch(/^required: choose the reason code/);
    expect(requestRows(app.database)).toEqual([]);
  });

  it('refuses a run without the evidence its reason needs, naming the field and the rule', async () => {
    const app = await start();
    const modal = await criteria(app, 'bankruptcy');
    await modal.submit();
    modal.adoptLatestUpdate();
    expect(modal.callbackId()).toBe(ids.previewCallback);
    const errors = errorsOf(await modal.submit());
    expect(errors[reasonIds.evidenceBlock]).toMatch(
      /^required: reason "bankruptcy" needs an evidence link or note from \$0\.00/,
    );
    expect(requestRows(app.database)).toEqual([]);
  });

  it('submits the run with its reason and evidence', async () => {
    const app = await start();
    await previewAndSubmit(await criteria(app, 'bankruptcy', 'Court notice 2026-04-02'));
    const [request] = requestRows(app.database);
    expect(request).toMatchObject({
      status: 'pending',
      reason_code: 'bankruptcy',
      evidence: 'Court notice 2026-04-02',
    });
  });
});
