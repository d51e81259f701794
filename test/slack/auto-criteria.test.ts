// Automatic write-offs from the /writeoff modal through Bolt's real receiver and the fake Web API:
// the criteria form (labels follow the type, field errors for every invalid combination), the
// preview (same numbers as the CLI for every type and FC option: the same preview hash), Submit
// (one pending request for the run) and approval in the thread, which posts once.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER } from '../../src/app/preview-csv.ts';
import { previewAutomaticRun } from '../../src/app/preview-write-off.ts';
import { previewHash } from '../../src/app/snapshot.ts';
import { toCriteriaInput } from '../../src/cli/auto-command.ts';
import { openTestDatabase } from '../../src/db/client.ts';
import { formatMoney, parseAmount } from '../../src/domain/money.ts';
import { ids as appIds, autoIds as ids, manualIds } from '../../src/slack/ids.ts';
import { APPROVER, appDeps, BIG_APPROVER, seedDatabase, unwrap } from '../support/app.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { requestRows } from '../support/db.ts';
import type { TestApp } from '../support/slack-app.ts';
import { TEST_USER_ID } from '../support/slack-request.ts';
import { click, journalEntries, postedJournal, viewOf } from './approval-helpers.ts';
import { chosen, errorsOf, type ModalDriver, openModal, ticked, typed } from './manual-harness.ts';

const start = appPerTest(() => ({ database: seedDatabase(openTestDatabase()) }));

async function openCriteria(app: TestApp): Promise<ModalDriver> {
  const modal = await openModal(app);
  await modal.act(manualIds.modeAction, { type: 'radio_buttons', ...chosen('automatic') });
  expect(modal.callbackId()).toBe(ids.criteriaCallback);
  return modal;
}

async function chooseType(modal: ModalDriver, type: string): Promise<void> {
  await modal.act(ids.typeAction, { type: 'radio_buttons', ...chosen(type) });
}

interface Case {
  readonly name: string;
  readonly type: 'finance-charge' | 'invoice-balance' | 'account-balance';
  readonly value: string;
  readonly fcPercent?: 'all-lines' | 'from-line-1';
  readonly olderThan: string;
}

const CASES: readonly Case[] = [
  {
    name: 'finance charge by amount',
    type: 'finance-charge',
    value: '30.00',
    olderThan: '2026-06-01',
  },
  {
    name: 'finance charge, FC By (%) on all lines',
    type: 'finance-charge',
    value: '50',
    fcPercent: 'all-lines',
    olderThan: '30',
  },
  {
    name: 'finance charge, FC By (%) from line 1',
    type: 'finance-charge',
    value: '50',
    fcPercent: 'from-line-1',
    olderThan: '2026-06-01',
  },
  { name: 'invoice balance', type: 'invoice-balance', value: '1000.00', olderThan: '2026-06-01' },
  { name: 'account balance', type: 'account-balance', value: '1000.00', olderThan: '30' },
];

function fill(modal: ModalDriver, c: Case, comment = 'Quarterly clean-up'): void {
  modal.set(ids.valueBlock, ids.valueAction, typed(c.value));
  if (c.fcPercent !== undefined) modal.set(ids.fcBlock, ids.fcAction, ticked(c.fcPercent));
  modal.set(ids.olderThanBlock, ids.olderThanAction, typed(c.olderThan));
  modal.set(ids.commentBlock, ids.commentAction, typed(comment));
}

describe('the criteria form', () => {
  it('labels the value by type and offers the FC By (%) options only for finance charge', async () => {
    const app = await start();
    const modal = await openCriteria(app);
    expect(modal.text()).toContain('FC amount or percentage');
    expect(modal.blocks().some((b) => b.block_id === ids.fcBlock)).toBe(true);
    await chooseType(modal, 'invoice-balance');
    expect(modal.text()).toContain('Balances less than');
    expect(modal.blocks().some((b) => b.block_id === ids.fcBlock)).toBe(false);
    expect(modal.blocks().find((b) => b.block_id === ids.accountBlock)?.type).toBe('input');
  });

  it('puts an error next to every invalid field', async () => {
    const app = await start();
    const modal = await openCriteria(app);
    modal.set(ids.valueBlock, ids.valueAction, typed('150'));
    modal.set(ids.fcBlock, ids.fcAction, {
      selected_options: [{ value: 'all-lines' }, { value: 'from-line-1' }],
    });
    modal.set(ids.olderThanBlock, ids.olderThanAction, typed('2026-05-01'));
    modal.set(ids.startBlock, ids.startAction, { selected_date: '2026-05-01' });
    modal.set(ids.customerFromBlock, ids.customerFromAction, chosen('C200'));
    modal.set(ids.customerToBlock, ids.customerToAction, chosen('C100'));
    modal.set(ids.invoiceFromBlock, ids.invoiceFromAction, chosen('1001'));
    const errors = errorsOf(await modal.submit());
    expect(errors[ids.fcBlock]).toContain('not both');
    expect(errors[ids.startBlock]).toBeDefined();
    expect(errors[ids.customerToBlock]).toBeDefined();
    expect(errors[ids.invoiceToBlock]).toContain('both ends');
    expect(errors[ids.commentBlock]).toContain('reason');

    const percent = await openCriteria(app);
    fill(percent, {
      name: '',
      type: 'finance-charge',
      value: '150',
      fcPercent: 'all-lines',
      olderThan: '90',
    });
    expect(errorsOf(await percent.submit())[ids.valueBlock]).toBeDefined();
    expect(requestRows(app.database)).toEqual([]);
  });

  it('answers the invoice range type-ahead by number prefix', async () => {
    const app = await start();
    const response = await app.send({
      ...(await import('../support/slack-request.ts')).blockSuggestion({
        actionId: ids.invoiceFromAction,
        blockId: ids.invoiceFromBlock,
        value: '100',
        callbackId: ids.criteriaCallback,
      }),
    });
    const options = (response.json as { options: { value: string }[] }).options;
    expect(options.map((o) => o.value)).toEqual(['1001', '1002', '1003']);
  });
});

describe('preview, submit and approval for every type and FC option', () => {
  for (const c of CASES) {
    it(`${c.name}: the modal shows the CLI's numbers, submits one request, approval posts once`, async () => {
      const app = await start();
      const deps = appDeps(app.database);
      const cli = unwrap(
        previewAutomaticRun(
          deps,
          toCriteriaInput(
            {
              type: c.type,
              value: c.value,
              ...(c.fcPercent && { fcPercent: c.fcPercent }),
              olderThan: c.olderThan.includes('-') ? c.olderThan : `${c.olderThan}d`,
              period: '2026-06',
            },
            '2026-06-15',
          ),
        ),
      ).preview;
      expect(cli.items.length).toBeGreaterThan(0);

      const modal = await openCriteria(app);
      await chooseType(modal, c.type);
      fill(modal, c);
      const ack = await modal.submit();
      expect(ack?.response_action).toBe('update');
      expect(modal.callbackId()).toBe(ids.progressCallback);
      modal.adoptLatestUpdate();
      expect(modal.callbackId()).toBe(ids.previewCallback);
      const meta = JSON.parse(String(modal.view().private_metadata));
      expect(meta.run.hash).toBe(previewHash(cli));
      expect(modal.text()).toContain(formatMoney(cli.totalMinor, 'USD'));
      expect(modal.text()).toContain('Journal entry');
      expect(modal.blocks().length).toBeLessThanOrEqual(12);
      expect(modal.text()).toContain('was sent to you as a CSV file');

      // The full detail reached the clerk's DM through the external upload flow.
      const [upload] = app.fake.uploads();
      expect(upload?.completed?.channel).toMatch(/^D/);
      const rows = parse(upload?.bytes.toString('utf8') ?? '') as string[][];
      expect(rows[0]).toEqual([...CSV_HEADER]);
      const lines = cli.items.reduce((n, i) => n + (i.kind === 'invoice' ? i.lines.length : 1), 0);
      expect(rows).toHaveLength(lines + 1);
      const sum = rows.slice(1).reduce((t, r) => t + unwrap(parseAmount(r[5] ?? '', 'USD')), 0);
      expect(sum).toBe(cli.totalMinor);

      await modal.submit();
      modal.adoptLatestUpdate();
      const [request] = requestRows(app.database);
      expect(request).toMatchObject({
        status: 'pending',
        mode: c.type,
        customer_id: cli.items.every((i) => i.customerId === cli.items[0]?.customerId)
          ? cli.items[0]?.customerId
          : null,
        total_minor: cli.totalMinor,
        requester: TEST_USER_ID,
        comment: 'Quarterly clean-up',
      });
      const id = String(request?.id);
      expect(modal.text()).toContain(id);

      // The approver sees what they approve: journal entry, largest items, the CSV detail.
      const reply = app.fake
        .calls('chat.postMessage')
        .find((c) => typeof c.args.thread_ts === 'string' && String(c.args.text).includes(id));
      expectValidMessage(reply?.args);
      const replyText = JSON.stringify(reply?.args.blocks);
      expect(replyText).toContain('Journal entry');
      expect(replyText).toContain(formatMoney(cli.items[0]?.totalMinor ?? 0, 'USD'));
      expect(replyText).toContain('Detail (CSV');

      const slack = viewOf(app.database, id).slack;
      if (slack === null || slack.threadTs === null) throw new Error(`${id} was not announced`);
      const posted = { id, channel: slack.channel, parentTs: slack.ts, replyTs: slack.threadTs };
      await Promise.all([
        app.send(click(appIds.approval.approveAction, posted, APPROVER)),
        app.send(click(appIds.approval.approveAction, posted, BIG_APPROVER)),
      ]);
      expect(viewOf(app.database, id).status).toBe('posted');
      expect(journalEntries(app.database, id)).toEqual([{ kind: 'write_off' }]);
      // What was posted is what the CLI's preview of the same criteria shows.
      expect(postedJournal(app.database, id)).toEqual(cli.journal);
    });
  }
});
