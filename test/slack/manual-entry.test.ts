// The manual write-off modal end to end through Bolt's real receiver and the fake Web API,
// with the small A/R file (customer C100: invoice 1001 $143.00 and 1002 $500.00).
import { describe, expect, it } from 'vitest';
import { autoIds, manualIds as ids } from '../../src/slack/ids.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { createImportedDatabase, dumpDatabase, requestRows } from '../support/db.ts';
import { TEST_APPROVALS_CHANNEL } from '../support/slack-app.ts';
import { slashCommand, TEST_USER_ID, viewSubmission } from '../support/slack-request.ts';
import { chosen, errorsOf, openModal, suggestCustomers, ticked, typed } from './manual-harness.ts';

const start = appPerTest(() => ({ database: createImportedDatabase() }));

describe('/writeoff opens the form', () => {
  it('acks at once, opens a loading view, then shows only open periods with today preselected', async () => {
    const app = await start();
    const modal = await openModal(app);
    const opened = app.fake.calls('views.open')[0]?.args.view as Record<string, unknown>;
    expect(opened.callback_id).toBe(ids.loadingCallback);
    expect(modal.callbackId()).toBe(ids.formCallback);
    const text = modal.text();
    expect(text).toContain('2026-06');
    expect(text).toContain('2026-07');
    expect(text).not.toContain('2026-05');
    const period = modal.blocks().find((b) => b.block_id === ids.periodBlock) as {
      element: { initial_option: { value: string } };
    };
    expect(period.element.initial_option.value).toBe('2026-06');
    // TEST_NOW is 14:00 UTC, 10:00 in New York: still 2026-06-15 in the company timezone.
    expect(text).toContain('"initial_date":"2026-06-15"');
    expect(text).toContain('Automatic criteria');
    expect(text).not.toContain('coming soon');
  });

  it('answers the customer type-ahead by id or name, with the open balance', async () => {
    const app = await start();
    const byName = await suggestCustomers(app, 'acme');
    expect(byName.map((o) => o.value)).toEqual(['C100']);
    expect(JSON.stringify(byName)).toContain('Acme Builders');
    expect(JSON.stringify(byName)).toContain('open $583.00');
    const byId = await suggestCustomers(app, 'C2');
    expect(byId.map((o) => o.value)).toEqual(['C200']);
    expect(await suggestCustomers(app, 'nobody')).toEqual([]);
  });

  it('refuses a closed period next to the field, naming the earliest open one', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    modal.set(ids.periodBlock, ids.periodAction, chosen('2026-05'));
    const ack = await modal.submit();
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { [ids.periodBlock]: expect.stringContaining('earliest open period is 2026-06') },
    });
  });

  it('submitting with Automatic criteria chosen swaps in the criteria form', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    modal.set(ids.modeBlock, ids.modeAction, chosen('automatic'));
    const ack = await modal.submit();
    expect(ack?.response_action).toBe('update');
    expect(modal.callbackId()).toBe(autoIds.criteriaCallback);
  });

  it('keeps help and explains unknown sub-commands', async () => {
    const app = await start();
    const help = await app.send(slashCommand({ text: 'help' }));
    expect((help.json as { text: string }).text).toContain('second person');
    const unknown = await app.send(slashCommand({ text: 'frobnicate' }));
    expect((unknown.json as { text: string }).text).toContain('/writeoff help');
    expect(app.fake.calls('views.open')).toHaveLength(0);
  });
});

describe('Entry method: open → customer → select all → partial → preview → submit', () => {
  it('submits a pending request, announces it and confirms to the clerk', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    await modal.submit();
    expect(modal.callbackId()).toBe(ids.invoicesCallback);
    expect(modal.text()).toContain('0 of 2 invoices selected');

    await modal.act(ids.selectAllAction, { type: 'checkboxes', ...ticked('all') });
    expect(modal.text()).toContain('2 of 2 invoices selected · total $643.00');
    modal.setRow('amount', '1002', typed('40.00'));
    modal.set(ids.commentBlock, ids.commentAction, typed('Chapter 7 bankruptcy'));
    await modal.submit();

    expect(modal.callbackId()).toBe(ids.previewCallback);
    const preview = modal.text();
    expect(preview).toContain('Write off $183.00');
    expect(preview).toContain('*1001* — $143.00 (full balance)');
    expect(preview).toContain('*1002* — $40.00 of $500.00 (partial)');
    expect(preview).toContain('Journal entry');
    expect(preview).toContain('`1200` Accounts receivable');
    expect(preview).toContain(`<@${TEST_USER_ID}>`);
    expect(preview).toContain('2026-06-15');
    expect(preview).toContain('void it in the ERP instead');

    const ack = await modal.submit();
    expect(ack).toEqual({ response_action: 'clear' });
    const [request] = requestRows(app.database);
    expect(request).toMatchObject({
      status: 'pending',
      method: 'entry',
      customer_id: 'C100',
      total_minor: 18300,
      requester: TEST_USER_ID,
      account: '7100',
      comment: 'Chapter 7 bankruptcy',
    });
    const posts = app.fake.calls('chat.postMessage');
    const inChannel = posts.filter((c) => c.args.channel === TEST_APPROVALS_CHANNEL);
    expect(inChannel.length).toBeGreaterThanOrEqual(2);
    expect(inChannel.some((c) => typeof c.args.thread_ts === 'string')).toBe(true);
    const dm = posts.find((c) => String(c.args.channel).startsWith('D'));
    expect(String(dm?.args.text)).toContain(String(request?.id));
    expect(String(dm?.args.text)).toContain('fake-workspace.slack.com/archives');
    // The draft is gone once submitted.
    expect(app.database.sqlite.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({
      n: 0,
    });
  });

  it('shows a too-large amount next to the invoice with both amounts and writes no request', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    await modal.submit();
    modal.setRow('select', '1002', ticked('1002'));
    modal.setRow('amount', '1002', typed('600.00'));
    modal.set(ids.commentBlock, ids.commentAction, typed('Customer gone'));
    const before = dumpDatabase(app.database);
    const ack = await modal.submit();
    expect(ack?.response_action).toBe('errors');
    const errors = errorsOf(ack);
    const message = Object.entries(errors).find(([block]) => block.includes('|amount|1002'))?.[1];
    expect(message).toBe('Invoice 1002: amount $600.00 is more than the open balance $500.00.');
    const after = dumpDatabase(app.database);
    expect({ ...after, drafts: [] }).toEqual({ ...before, drafts: [] });
    expect(requestRows(app.database)).toHaveLength(0);
  });

  it('asks for a comment and for at least one invoice', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    await modal.submit();
    const ack = await modal.submit();
    const errors = errorsOf(ack);
    expect(errors[ids.commentBlock]).toContain('give the reason');
    expect(errors[ids.accountBlock]).toContain('No invoice of customer C100 is selected');
  });

  it('typing an amount into an unticked row selects that invoice', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    await modal.submit();
    modal.setRow('amount', '1001', typed('10.00'));
    modal.set(ids.commentBlock, ids.commentAction, typed('Small balance'));
    await modal.submit();
    expect(modal.callbackId()).toBe(ids.previewCallback);
    expect(modal.text()).toContain('*1001* — $10.00 of $143.00 (partial)');
    expect(modal.text()).not.toContain('*1002*');
  });

  it('notes a possible void when the comment says the invoice was wrong', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    await modal.submit();
    modal.setRow('select', '1001', ticked('1001'));
    modal.set(ids.commentBlock, ids.commentAction, typed('Duplicate billing'));
    await modal.submit();
    const note = modal.blocks().find((b) => b.block_id === ids.voidNoteBlock);
    expect(JSON.stringify(note)).toContain(
      'If this invoice was issued in error, void it in the ERP instead',
    );
    expect(JSON.stringify(note)).toContain('1001');
  });

  it('goes back from the preview to the invoices with the choices kept', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    await modal.submit();
    modal.setRow('select', '1002', ticked('1002'));
    modal.setRow('amount', '1002', typed('12.34'));
    modal.set(ids.commentBlock, ids.commentAction, typed('Disputed'));
    await modal.submit();
    await modal.act(ids.backToInvoicesAction, { type: 'button', value: 'invoices' });
    expect(modal.callbackId()).toBe(ids.invoicesCallback);
    expect(modal.text()).toContain('"initial_value":"12.34"');
    expect(modal.text()).toContain('"initial_value":"Disputed"');
  });
});

describe('Line item method', () => {
  it('applies the default account and comment, lets one invoice override both', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    modal.set(ids.methodBlock, ids.methodAction, chosen('line-item'));
    await modal.submit();
    await modal.act(ids.selectAllAction, { type: 'checkboxes', ...ticked('all') });
    modal.set(ids.commentBlock, ids.commentAction, typed('Uncollectible'));
    modal.setRow('amount', '1002', typed('40.00'));
    modal.setRow('account', '1002', chosen('7160'));
    modal.setRow('comment', '1002', typed('Disputed roofing'));
    await modal.submit();
    expect(modal.callbackId()).toBe(ids.previewCallback);
    expect(modal.text()).toContain('7160 · Disputed roofing');
    expect(modal.text()).toContain('7100 · Uncollectible');
    const ack = await modal.submit();
    expect(ack).toEqual({ response_action: 'clear' });
    const [request] = requestRows(app.database);
    expect(request).toMatchObject({ status: 'pending', method: 'line-item', total_minor: 18300 });
    const lines = app.database.sqlite
      .prepare(
        'SELECT invoice_number AS invoice, account, comment FROM write_off_request_lines ORDER BY seq',
      )
      .all();
    expect(lines).toContainEqual({ invoice: '1001', account: '7100', comment: 'Uncollectible' });
    expect(lines).toContainEqual({ invoice: '1002', account: '7160', comment: 'Disputed roofing' });
  });

  it('names the invoice that has no comment', async () => {
    const app = await start();
    const modal = await openModal(app);
    modal.set(ids.customerBlock, ids.customerAction, chosen('C100'));
    modal.set(ids.methodBlock, ids.methodAction, chosen('line-item'));
    await modal.submit();
    modal.setRow('select', '1001', ticked('1001'));
    const ack = await modal.submit();
    const errors = errorsOf(ack);
    const message = Object.entries(errors).find(([block]) => block.includes('|comment|1001'))?.[1];
    expect(message).toContain('Invoice 1001: the Line item method needs a comment');
    expect(requestRows(app.database)).toHaveLength(0);
  });
});

describe('without A/R data', () => {
  it('says what to do instead of showing an empty form', async () => {
    const app = await start({}); // the app's own empty database
    const modal = await openModal(app);
    expect(modal.callbackId()).toBe(ids.messageCallback);
    expect(modal.text()).toContain('writeoff import FILE');
  });
});

describe('signatures', () => {
  it('answers a badly signed submission with 401 and changes nothing', async () => {
    const app = await start();
    const modal = await openModal(app);
    const before = dumpDatabase(app.database);
    const response = await app.send(
      viewSubmission({
        callbackId: ids.formCallback,
        privateMetadata: String(modal.view().private_metadata),
        values: { [ids.customerBlock]: { [ids.customerAction]: chosen('C100') } },
      }),
      { secret: 'wrong-secret' },
    );
    expect(response.status).toBe(401);
    expect(dumpDatabase(app.database)).toEqual(before);
  });

  it('answers a badly signed /writeoff with 401 and writes nothing', async () => {
    const app = await start();
    const before = dumpDatabase(app.database);
    const response = await app.send(slashCommand({ text: '' }), { secret: 'wrong-secret' });
    expect(response.status).toBe(401);
    expect(app.fake.calls()).toHaveLength(0);
    expect(dumpDatabase(app.database)).toEqual(before);
  });
});
