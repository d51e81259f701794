// The demo customer with 320 open invoices (C100 in buildDemoArFile): select all works without
// rendering every invoice, rows are edited page by page, problems on other pages are found,
// and both methods submit one pending request covering every selected invoice.
import { describe, expect, it } from 'vitest';
import { buildDemoArFile, DEMO_BIG_CUSTOMER } from '../../src/app/demo-data.ts';
import { importArFile } from '../../src/app/import-ar-file.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { formatAmount, formatMoney } from '../../src/domain/money.ts';
import { manualIds as ids } from '../../src/slack/ids.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { NOW_MS } from '../support/db.ts';
import type { TestApp } from '../support/slack-app.ts';
import {
  chosen,
  errorsOf,
  type ModalDriver,
  openModal,
  rowBlockId,
  typed,
  unticked,
} from './manual-harness.ts';

const start = appPerTest();
let t: TestApp | undefined;

interface OpenInvoice {
  readonly number: string;
  readonly openMinor: number;
}

function demoDatabase(): Database {
  const database = openTestDatabase();
  const result = importArFile(sqliteStore(database), buildDemoArFile('2026-06-15'), NOW_MS);
  if (!result.ok) throw new Error('demo import failed');
  return database;
}

function openInvoices(database: Database): OpenInvoice[] {
  return database.sqlite
    .prepare(
      `SELECT number, open_minor AS openMinor FROM invoices
       WHERE customer_id = ? AND open_minor <> 0 ORDER BY number`,
    )
    .all(DEMO_BIG_CUSTOMER) as OpenInvoice[];
}

/** Invoices shown on the current page, in order. */
function rowsOnPage(modal: ModalDriver): string[] {
  return modal
    .blocks()
    .map((b) => /^wo_row\|\d+\|select\|(.+)$/.exec(String(b.block_id ?? ''))?.[1])
    .filter((n): n is string => n !== undefined);
}

async function openCustomer(method: 'entry' | 'line-item'): Promise<ModalDriver> {
  t = await start({ database: demoDatabase() });
  const modal = await openModal(t);
  modal.set(ids.customerBlock, ids.customerAction, chosen(DEMO_BIG_CUSTOMER));
  modal.set(ids.methodBlock, ids.methodAction, chosen(method));
  await modal.submit();
  expect(modal.callbackId()).toBe(ids.invoicesCallback);
  return modal;
}

const half = (minor: number) => Math.trunc(minor / 2);

describe('a customer with 320 open invoices', () => {
  it('Entry: select all, a partial amount on page 2, one invoice dropped on page 5, submit', async () => {
    const modal = await openCustomer('entry');
    const database = (t as TestApp).database;
    const invoices = openInvoices(database);
    expect(invoices).toHaveLength(320);
    expect(modal.blocks().length).toBeLessThanOrEqual(100);
    expect(modal.text()).toContain('Page 1 of 8');

    await modal.act(ids.selectAllAction, {
      type: 'checkboxes',
      selected_options: [{ value: 'all' }],
    });
    const allMinor = invoices.reduce((sum, i) => sum + i.openMinor, 0);
    expect(modal.text()).toContain(
      `320 of 320 invoices selected · total ${formatMoney(allMinor, 'USD')}`,
    );

    await modal.press(ids.nextPageAction);
    expect(modal.text()).toContain('Page 2 of 8');
    const partial = invoices[40] as OpenInvoice;
    expect(rowsOnPage(modal)[0]).toBe(partial.number);
    modal.setRow('amount', partial.number, typed(formatAmount(half(partial.openMinor), 'USD')));
    await modal.press(ids.nextPageAction);
    await modal.press(ids.nextPageAction);
    await modal.press(ids.nextPageAction);
    expect(modal.text()).toContain('Page 5 of 8');
    const dropped = invoices[165] as OpenInvoice;
    modal.setRow('select', dropped.number, unticked());
    await modal.press(ids.prevPageAction);

    const expectedMinor =
      allMinor - dropped.openMinor - (partial.openMinor - half(partial.openMinor));
    expect(modal.text()).toContain(
      `319 of 320 invoices selected · total ${formatMoney(expectedMinor, 'USD')}`,
    );
    modal.set(ids.commentBlock, ids.commentAction, typed('Customer liquidated'));
    await modal.submit();
    expect(modal.callbackId()).toBe(ids.previewCallback);
    expect(modal.text()).toContain(`Write off ${formatMoney(expectedMinor, 'USD')}`);
    expect(modal.text()).toContain('(319 invoices)');
    expect(modal.text()).toContain('…and 259 more invoices');

    expect(await modal.submit()).toEqual({ response_action: 'clear' });
    const request = database.sqlite
      .prepare('SELECT id, status, total_minor AS totalMinor FROM write_off_requests')
      .get() as { id: string; status: string; totalMinor: number };
    expect(request).toMatchObject({ status: 'pending', totalMinor: expectedMinor });
    const written = database.sqlite
      .prepare('SELECT DISTINCT invoice_number AS n FROM write_off_request_lines ORDER BY n')
      .pluck()
      .all();
    expect(written).toHaveLength(319);
    expect(written).not.toContain(dropped.number);
  });

  it('Line item: select all with a default account and comment, 16 pages of 20', async () => {
    const modal = await openCustomer('line-item');
    const database = (t as TestApp).database;
    expect(modal.text()).toContain('Page 1 of 16');
    expect(modal.blocks().length).toBeLessThanOrEqual(100);
    await modal.act(ids.selectAllAction, {
      type: 'checkboxes',
      selected_options: [{ value: 'all' }],
    });
    const jump = (page: number) =>
      modal.act(ids.jumpPageAction, {
        type: 'static_select',
        selected_option: { value: String(page) },
      });
    await jump(11);
    expect(modal.text()).toContain('Page 12 of 16 · invoices 221–240 of 320');
    await jump(0);
    modal.set(ids.accountBlock, ids.accountAction, chosen('7160'));
    modal.set(ids.commentBlock, ids.commentAction, typed('Bulk clean-up'));
    const first = rowsOnPage(modal)[0] as string;
    modal.setRow('account', first, chosen('7100'));
    modal.setRow('comment', first, typed('Bankrupt'));
    await modal.submit();
    expect(modal.callbackId()).toBe(ids.previewCallback);
    expect(await modal.submit()).toEqual({ response_action: 'clear' });
    const lines = database.sqlite
      .prepare(
        `SELECT invoice_number AS invoice, account, comment FROM write_off_request_lines
         GROUP BY invoice_number, account, comment`,
      )
      .all() as { invoice: string; account: string; comment: string }[];
    expect(lines).toHaveLength(320);
    expect(lines.find((l) => l.invoice === first)).toEqual({
      invoice: first,
      account: '7100',
      comment: 'Bankrupt',
    });
    expect(lines.filter((l) => l.account === '7160' && l.comment === 'Bulk clean-up')).toHaveLength(
      319,
    );
  });

  it('jumps to the page of an invoice whose amount is wrong, with a summary and a row hint', async () => {
    const modal = await openCustomer('entry');
    const database = (t as TestApp).database;
    const invoices = openInvoices(database);
    await modal.press(ids.nextPageAction);
    await modal.press(ids.nextPageAction);
    const bad = invoices.find((i, index) => index >= 80 && i.openMinor > 0) as OpenInvoice;
    modal.setRow('amount', bad.number, typed(formatAmount(bad.openMinor + 100, 'USD')));
    await modal.press(ids.prevPageAction);
    await modal.press(ids.prevPageAction);
    modal.set(ids.commentBlock, ids.commentAction, typed('Old debt'));
    const before = database.sqlite.prepare('SELECT count(*) FROM write_off_requests').pluck().get();

    const ack = await modal.submit();
    expect(ack?.response_action).toBe('update');
    expect(modal.text()).toContain('Page 3 of 8');
    const summary = JSON.stringify(modal.blocks().find((b) => b.block_id === ids.errorsBlock));
    const message = `Invoice ${bad.number}: amount ${formatMoney(bad.openMinor + 100, 'USD')} is more than the open balance ${formatMoney(bad.openMinor, 'USD')}.`;
    expect(summary).toContain(message);
    const amountBlock = modal
      .blocks()
      .find((b) => b.block_id === rowBlockId(modal.view(), 'amount', bad.number));
    expect(JSON.stringify(amountBlock)).toContain('⚠️');
    expect(database.sqlite.prepare('SELECT count(*) FROM write_off_requests').pluck().get()).toBe(
      before,
    );

    // With a problem on this page too, errors go next to the inputs and name the other page.
    const here = rowsOnPage(modal).find((n) => n !== bad.number) as string;
    const other = invoices[0] as OpenInvoice;
    await modal.press(ids.prevPageAction);
    await modal.press(ids.prevPageAction);
    modal.setRow('amount', other.number, typed('abc'));
    await modal.press(ids.nextPageAction);
    await modal.press(ids.nextPageAction);
    modal.setRow('amount', here, typed('0'));
    const second = await modal.submit();
    expect(second?.response_action).toBe('errors');
    const errors = errorsOf(second);
    expect(errors[rowBlockId(modal.view(), 'amount', here)]).toContain('must not be zero');
    expect(errors[ids.accountBlock]).toContain(`Invoice ${other.number}: amount "abc"`);
    expect(errors[ids.accountBlock]).toContain('(page 1)');
  });
});
