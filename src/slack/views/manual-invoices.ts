// Step 2 of the manual write-off modal: one page of the customer's open invoices (ADR 041).
// Request-level inputs (account, comment), a select-all switch that covers every page, the
// running total, then one row per invoice: a tick box and an amount (plus account and comment
// for Line item), and paging buttons. Problems found on submit can be shown as row hints.
import type { types } from '@slack/bolt';
import { context, divider, escapeMrkdwn, mrkdwn, plainText, section, truncate } from '../blocks.ts';
import { manualIds as ids, invoiceRowBlockId } from '../ids.ts';
import { type ModalView, modal, voidReminder } from './manual-common.ts';
import type { Choice } from './manual-form.ts';

export interface RowProblems {
  readonly select?: string;
  readonly amount?: string;
  readonly account?: string;
  readonly comment?: string;
}

export interface InvoiceRowModel {
  readonly invoice: string;
  /** `1001 · 2026-03-01 · 106 days`. */
  readonly label: string;
  readonly openText: string;
  readonly selected: boolean;
  readonly amountText: string;
  readonly account: string | null;
  readonly comment: string | null;
  readonly heldBy: string | null;
  readonly problems: RowProblems;
}

export interface InvoicesViewModel {
  readonly metadata: string;
  readonly rev: number;
  readonly method: 'entry' | 'line-item';
  /** `*Acme Builders* (C100) · open invoices $1,234.00 · on account −$60.00`. */
  readonly customerLine: string;
  /** `Period 2026-06 · date 2026-06-15 · Entry`. */
  readonly settingsLine: string;
  readonly accounts: readonly Choice[];
  readonly account: string;
  readonly comment: string | null;
  readonly selectAll: boolean;
  readonly selectableCount: number;
  /** `12 of 320 invoices selected · total $4,567.00`. */
  readonly totalLine: string;
  readonly rows: readonly InvoiceRowModel[];
  readonly pageIndex: number;
  readonly pageCount: number;
  /** `Invoices 41–80 of 320`. */
  readonly rangeLine: string;
  /** Problems to show above everything (e.g. on other pages); empty for none. */
  readonly errorLines: readonly string[];
}

const accountOption = (c: Choice): types.PlainTextOption => ({
  text: plainText(truncate(c.label, 75)),
  value: c.value,
});

export function manualInvoicesView(model: InvoicesViewModel): ModalView {
  const isLineItem = model.method === 'line-item';
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      block_id: ids.summaryBlock,
      text: mrkdwn(`${model.customerLine}\n${model.settingsLine}`),
      accessory: {
        type: 'button',
        action_id: ids.backToFormAction,
        text: plainText('Change'),
        value: 'form',
      },
    },
    ...errorBlocks(model.errorLines),
    accountInput(model, isLineItem),
    commentInput(model, isLineItem),
    selectAllBlock(model),
    section(model.totalLine, ids.totalBlock),
    divider(),
    ...model.rows.flatMap((row) => rowBlocks(model, row, isLineItem)),
    context([model.rangeLine], ids.pageInfoBlock),
    ...pager(model),
    voidReminder(),
  ];
  return modal(
    { callbackId: ids.invoicesCallback, metadata: model.metadata, submit: 'Preview' },
    blocks,
  );
}

function errorBlocks(lines: readonly string[]): types.KnownBlock[] {
  if (lines.length === 0) return [];
  const text = truncate(
    `:warning: *Please fix:*\n${lines.map((l) => `• ${escapeMrkdwn(l)}`).join('\n')}`,
    3000,
  );
  return [section(text, ids.errorsBlock)];
}

function accountInput(model: InvoicesViewModel, isLineItem: boolean): types.InputBlock {
  const options = model.accounts.slice(0, 100).map(accountOption);
  const initial = options.find((o) => o.value === model.account);
  return {
    type: 'input',
    block_id: ids.accountBlock,
    label: plainText(isLineItem ? 'Default write-off account' : 'Write-off account'),
    ...(isLineItem
      ? { hint: plainText('Used for every invoice that does not name its own account.') }
      : {}),
    element: {
      type: 'static_select',
      action_id: ids.accountAction,
      options,
      ...(initial === undefined ? {} : { initial_option: initial }),
    },
  };
}

function commentInput(model: InvoicesViewModel, isLineItem: boolean): types.InputBlock {
  return {
    type: 'input',
    block_id: ids.commentBlock,
    optional: true,
    label: plainText(isLineItem ? 'Default comment' : 'Comment (reason)'),
    hint: plainText(
      isLineItem
        ? 'Used for every invoice without its own comment.'
        : 'Why these invoices will not be collected, e.g. "Chapter 7 bankruptcy".',
    ),
    element: {
      type: 'plain_text_input',
      action_id: ids.commentAction,
      max_length: 500,
      ...(model.comment === null ? {} : { initial_value: model.comment }),
    },
  };
}

function selectAllBlock(model: InvoicesViewModel): types.ActionsBlock {
  const option = {
    text: plainText(`Select all ${model.selectableCount} open invoices at full balance`),
    value: 'all',
  };
  return {
    type: 'actions',
    // The revision makes Slack re-render the box when select all flips elsewhere.
    block_id: `${ids.selectAllBlock}|${model.rev}`,
    elements: [
      {
        type: 'checkboxes',
        action_id: ids.selectAllAction,
        options: [option],
        ...(model.selectAll ? { initial_options: [option] } : {}),
      },
    ],
  };
}

function rowBlocks(
  model: InvoicesViewModel,
  row: InvoiceRowModel,
  isLineItem: boolean,
): types.KnownBlock[] {
  if (row.heldBy !== null) {
    return [
      context([
        `~${escapeMrkdwn(row.label)}~ · ${row.openText} — in pending request ${row.heldBy}`,
      ]),
    ];
  }
  const id = (field: 'select' | 'amount' | 'account' | 'comment') =>
    invoiceRowBlockId(model.rev, field, row.invoice);
  const tick = { text: plainText(`Write off (open ${row.openText})`), value: row.invoice };
  const hint = (text: string | undefined) =>
    text === undefined ? {} : { hint: plainText(`⚠️ ${truncate(text, 1990)}`) };
  const blocks: types.KnownBlock[] = [
    {
      type: 'input',
      block_id: id('select'),
      optional: true,
      label: plainText(`Invoice ${row.label}`),
      ...hint(row.problems.select),
      element: {
        type: 'checkboxes',
        action_id: ids.rowSelectAction,
        options: [tick],
        ...(row.selected ? { initial_options: [tick] } : {}),
      },
    },
    {
      type: 'input',
      block_id: id('amount'),
      optional: true,
      label: plainText(`Amount for ${row.invoice}`),
      ...hint(row.problems.amount),
      element: {
        type: 'plain_text_input',
        action_id: ids.rowAmountAction,
        placeholder: plainText(`Full balance ${row.openText}; lower it for a partial write-off`),
        ...(row.amountText === '' ? {} : { initial_value: row.amountText }),
      },
    },
  ];
  if (!isLineItem) return blocks;
  const options = model.accounts.slice(0, 100).map(accountOption);
  const own = options.find((o) => o.value === row.account);
  blocks.push(
    {
      type: 'input',
      block_id: id('account'),
      optional: true,
      label: plainText(`Account for ${row.invoice}`),
      ...hint(row.problems.account),
      element: {
        type: 'static_select',
        action_id: ids.rowAccountAction,
        placeholder: plainText('Default account'),
        options,
        ...(own === undefined ? {} : { initial_option: own }),
      },
    },
    {
      type: 'input',
      block_id: id('comment'),
      optional: true,
      label: plainText(`Comment for ${row.invoice}`),
      ...hint(row.problems.comment),
      element: {
        type: 'plain_text_input',
        action_id: ids.rowCommentAction,
        max_length: 500,
        placeholder: plainText('Default comment'),
        ...(row.comment === null ? {} : { initial_value: row.comment }),
      },
    },
  );
  return blocks;
}

function pager(model: InvoicesViewModel): types.KnownBlock[] {
  const buttons: types.Button[] = [];
  if (model.pageIndex > 0) {
    buttons.push({
      type: 'button',
      action_id: ids.prevPageAction,
      text: plainText('◀ Previous page'),
      value: String(model.pageIndex - 1),
    });
  }
  if (model.pageIndex < model.pageCount - 1) {
    buttons.push({
      type: 'button',
      action_id: ids.nextPageAction,
      text: plainText('Next page ▶'),
      value: String(model.pageIndex + 1),
    });
  }
  if (buttons.length === 0) return [];
  const elements: (types.Button | types.StaticSelect)[] = [...buttons];
  if (model.pageCount > 2) elements.push(pageJump(model));
  return [{ type: 'actions', block_id: ids.pagerBlock, elements }];
}

/** "Go to page…": with 16 pages, clicking Next eleven times is not a way to reach page 12. */
function pageJump(model: InvoicesViewModel): types.StaticSelect {
  const options = Array.from({ length: Math.min(model.pageCount, 100) }, (_, i) => ({
    text: plainText(`Page ${i + 1}`),
    value: String(i),
  }));
  return {
    type: 'static_select',
    action_id: ids.jumpPageAction,
    placeholder: plainText('Go to page…'),
    options,
  };
}
