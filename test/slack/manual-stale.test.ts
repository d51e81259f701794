// The manual write-off modal when the ledger moves between the preview and Submit: the clerk
// gets the preview at today's balances with the reason, never a request built on old numbers.
import { describe, expect, it } from 'vitest';
import { manualIds as ids } from '../../src/slack/ids.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { createImportedDatabase, insertPendingRequest, requestRows } from '../support/db.ts';
import type { TestApp } from '../support/slack-app.ts';
import { chosen, openModal, ticked, typed } from './manual-harness.ts';

const start = appPerTest(() => ({ database: createImportedDatabase() }));

describe('between preview and submit', () => {
  async function previewOf(app: TestApp, invoices: readonly string[]) {
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    await modal.submit();
    for (const invoice of invoices) modal.setRow('select', invoice, ticked(invoice));
    modal.set(ids.commentBlock, ids.commentAction, typed('Uncollectible'));
    await modal.submit();
    expect(modal.callbackId()).toBe(ids.previewCallback);
    return modal;
  }

  it('a balance that moved shows the fresh preview instead of submitting', async () => {
    const app = await start();
    const modal = await previewOf(app, ['1001']);
    app.database.sqlite.exec(`
      UPDATE invoice_lines SET due_minor = due_minor - 1000 WHERE invoice_number = '1001' AND line = 1;
      UPDATE invoices SET open_minor = open_minor - 1000, version = version + 1 WHERE number = '1001';`);
    const ack = await modal.submit();
    expect(ack?.response_action).toBe('update');
    expect(modal.text()).toContain('The figures changed since this preview was made');
    expect(modal.text()).toContain('Write off $133.00');
    expect(requestRows(app.database)).toHaveLength(0);
    expect(await modal.submit()).toEqual({ response_action: 'clear' });
    expect(requestRows(app.database)[0]).toMatchObject({ status: 'pending', total_minor: 13300 });
  });

  it('a re-read invoice (same balance, new version) refreshes the preview with the reason', async () => {
    const app = await start();
    const modal = await previewOf(app, ['1001']);
    app.database.sqlite.exec(`UPDATE invoices SET version = version + 1 WHERE number = '1001'`);
    await modal.submit();
    expect(modal.text()).toContain('Balances changed since the preview (1001)');
    expect(modal.text()).toContain('This preview was refreshed');
    expect(requestRows(app.database)).toHaveLength(0);
    expect(await modal.submit()).toEqual({ response_action: 'clear' });
    expect(requestRows(app.database)).toHaveLength(1);
  });

  it('an invoice taken by another request meanwhile is left out and named', async () => {
    const app = await start();
    const modal = await previewOf(app, ['1001', '1002']);
    insertPendingRequest(app.database, { id: 'WO-000777', customerId: 'C100', invoices: ['1002'] });
    await modal.submit();
    expect(modal.text()).toContain('Write off $143.00');
    expect(modal.text()).toContain('1002 (in WO-000777)');
    expect(await modal.submit()).toEqual({ response_action: 'clear' });
  });
});
