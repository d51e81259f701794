// The reason select and evidence input on the manual preview step, through the real receiver:
// a reason is required, and evidence exactly from the reason's threshold (the default policy's
// small_balance needs it from $100.00), each refused next to its input with the rule.
import { describe, expect, it } from 'vitest';
import { manualIds as ids, reasonIds } from '../../src/slack/ids.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { createImportedDatabase, requestRows } from '../support/db.ts';
import { chosen, errorsOf, type ModalDriver, openModal, typed } from './manual-harness.ts';

const start = appPerTest(() => ({ database: createImportedDatabase() }));

/** C100's invoice 1001 ($143.00) written off in part, up to the preview step. */
async function previewOf(
  amount: string,
): Promise<{ modal: ModalDriver; app: Awaited<ReturnType<typeof start>> }> {
  const app = await start();
  const modal = await openModal(app);
  modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
  await modal.submit();
  modal.setRow('amount', '1001', typed(amount));
  modal.set(ids.commentBlock, ids.commentAction, typed('Left over after the settlement'));
  await modal.submit();
  expect(modal.callbackId()).toBe(ids.previewCallback);
  return { modal, app };
}

const reason = (modal: ModalDriver, code: string | null, evidence = '') => {
  modal.set(reasonIds.reasonBlock, reasonIds.reasonAction, {
    type: 'static_select',
    selected_option: code === null ? null : { value: code },
  });
  modal.set(reasonIds.evidenceBlock, reasonIds.evidenceAction, typed(evidence));
};

describe('reason and evidence on the manual preview', () => {
  it('offers the policy reasons with their evidence thresholds', async () => {
    const { modal } = await previewOf('100.00');
    const text = modal.text();
    expect(text).toContain('Small balance (small_balance)');
    expect(text).toContain('Small balance from $100.00');
    expect(text).toContain('Customer bankruptcy always');
    expect(text).toContain('This request: $100.00 gross');
  });

  it('requires a reason, named next to the select; nothing is submitted', async () => {
    const { modal, app } = await previewOf('100.00');
    reason(modal, null);
    const errors = errorsOf(await modal.submit());
    expect(errors[reasonIds.reasonBlock]).toMatch(/^required: choose a reason code of the policy/);
    expect(requestRows(app.database)).toHaveLength(0);
  });

  it('requires evidence exactly at the threshold, with the rule', async () => {
    const { modal, app } = await previewOf('100.00');
    reason(modal, 'small_balance');
    const errors = errorsOf(await modal.submit());
    expect(errors[reasonIds.evidenceBlock]).toBe(
      'required: reason "small_balance" needs an evidence link or note from $100.00 (this request: $100.00)',
    );
    expect(requestRows(app.database)).toHaveLength(0);
    reason(modal, 'small_balance', 'https://files.example/statement-1001.pdf');
    expect(await modal.submit()).toEqual({ response_action: 'clear' });
    const row = app.database.sqlite
      .prepare('SELECT reason_code, evidence FROM write_off_requests')
      .get() as { reason_code: string; evidence: string };
    expect(row).toEqual({
      reason_code: 'small_balance',
      evidence: 'https://files.example/statement-1001.pdf',
    });
  });

  it('does not require evidence one cent below the threshold', async () => {
    const { modal, app } = await previewOf('99.99');
    reason(modal, 'small_balance');
    expect(await modal.submit()).toEqual({ response_action: 'clear' });
    expect(requestRows(app.database)).toHaveLength(1);
  });
});
