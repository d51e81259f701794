// The evidence threshold of an automatic run is checked on the preview step, where the run's
// gross amount is on screen, through the real receiver: the reason and evidence inputs come
// prefilled from the criteria step, a run at the reason's threshold says at the top that
// evidence is needed and Submit refuses it next to the evidence input; one cent under needs none.
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../src/db/client.ts';
import { autoIds as ids, manualIds, reasonIds } from '../../src/slack/ids.ts';
import { seedDatabase } from '../support/app.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { requestRows, smallArFile } from '../support/db.ts';
import type { TestApp } from '../support/slack-app.ts';
import { chosen, errorsOf, type ModalDriver, openModal, typed } from './manual-harness.ts';

/** The small file with one open invoice, of `due`; the default policy's small_balance needs
 * evidence from $100.00. */
function ledgerWithOneInvoice(due: string) {
  const file = smallArFile();
  const [first] = file.invoices;
  if (first === undefined) throw new Error('fixture changed');
  const line = { line: 1, description: 'Balance', due, tax: '0.00', retainage: '0.00' };
  return {
    ...file,
    invoices: [{ ...first, lines: [{ ...line, financeCharge: '0.00' }] }],
    onAccount: [],
  };
}

const start = appPerTest();

async function appWithInvoice(due: string): Promise<TestApp> {
  return start({ database: seedDatabase(openTestDatabase(), ledgerWithOneInvoice(due)) });
}

/** Invoice balances up to $500.00 for small_balance, evidence as given; on the preview step. */
async function previewRun(app: TestApp, evidence: string): Promise<ModalDriver> {
  const modal = await openModal(app);
  await modal.act(manualIds.modeAction, { type: 'radio_buttons', ...chosen('automatic') });
  await modal.act(ids.typeAction, { type: 'radio_buttons', ...chosen('invoice-balance') });
  modal.set(ids.valueBlock, ids.valueAction, typed('500.00'));
  modal.set(ids.olderThanBlock, ids.olderThanAction, typed('2026-06-01'));
  modal.set(ids.commentBlock, ids.commentAction, typed('Small balances'));
  modal.set(reasonIds.reasonBlock, reasonIds.reasonAction, {
    type: 'static_select',
    selected_option: { value: 'small_balance' },
  });
  modal.set(reasonIds.evidenceBlock, reasonIds.evidenceAction, typed(evidence));
  await modal.submit();
  modal.adoptLatestUpdate();
  expect(modal.callbackId()).toBe(ids.previewCallback);
  return modal;
}

const NEEDED =
  'required: reason \\"small_balance\\" needs an evidence link or note from $100.00 (this request: $100.00)';

describe('evidence of an automatic run, on the preview step', () => {
  it('at exactly the threshold: said on the preview, refused next to the input, then submitted', async () => {
    const app = await appWithInvoice('100.00');
    const modal = await previewRun(app, '');
    expect(modal.text()).toContain(`Evidence: ${NEEDED}`);
    expect(modal.text()).toContain('This request: $100.00 gross');

    const errors = errorsOf(await modal.submit());
    expect(errors[reasonIds.evidenceBlock]).toBe(NEEDED.replaceAll('\\"', '"'));
    expect(modal.callbackId()).toBe(ids.previewCallback);
    expect(requestRows(app.database)).toEqual([]);

    modal.set(reasonIds.evidenceBlock, reasonIds.evidenceAction, typed('Statement 2026-05'));
    await modal.submit();
    expect(requestRows(app.database)).toMatchObject([
      { status: 'pending', reason_code: 'small_balance', evidence: 'Statement 2026-05' },
    ]);
  });

  it('one cent under the threshold: no notice, submitted without evidence', async () => {
    const app = await appWithInvoice('99.99');
    const modal = await previewRun(app, '');
    expect(modal.text()).not.toContain('Evidence: required');
    expect(modal.text()).toContain('This request: $99.99 gross');
    const ack = await modal.submit();
    expect(ack?.response_action).toBe('update');
    expect(requestRows(app.database)).toMatchObject([
      { status: 'pending', reason_code: 'small_balance', evidence: null },
    ]);
  });

  it('keeps the evidence typed on the criteria step, prefilled on the preview step', async () => {
    const app = await appWithInvoice('100.00');
    const modal = await previewRun(app, 'Statement 2026-05');
    expect(modal.text()).not.toContain('Evidence: required');
    expect(modal.text()).toContain('Statement 2026-05');
    await modal.submit();
    expect(requestRows(app.database)).toMatchObject([{ evidence: 'Statement 2026-05' }]);
  });
});
