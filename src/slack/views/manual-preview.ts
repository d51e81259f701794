// Step 3 of the manual write-off modal: what will be submitted. Totals, per-invoice amounts,
// the journal entry (accounts, debits, credits), period, date, requester, a void note where
// a write-off looks like a void (ADR 043) and the reminder in the footer. Submit sends it for
// approval; Back returns to the invoices.
import type { types } from '@slack/bolt';
import { context, escapeMrkdwn, fields, header, plainText, section, truncate } from '../blocks.ts';
import { manualIds as ids } from '../ids.ts';
import { type ModalView, modal, VOID_NOTE, voidReminder } from './manual-common.ts';
import { type ReasonInputsModel, reasonInputBlocks } from './reason-inputs.ts';

export interface PreviewItemModel {
  readonly invoice: string;
  readonly amountText: string;
  readonly openText: string;
  readonly partial: boolean;
  /** Line item: `7100 · Customer disputes` (account and comment of the invoice). */
  readonly detail: string | null;
}

export interface JournalRowModel {
  readonly account: string;
  readonly name: string;
  readonly debitText: string;
  readonly creditText: string;
}

export interface PreviewViewModel {
  readonly metadata: string;
  /** `Acme Builders (C100)`. */
  readonly customer: string;
  readonly period: string;
  readonly date: string;
  readonly methodLabel: string;
  readonly requesterId: string;
  readonly totalText: string;
  /** The gross amount (what approver limits cover), only where it differs from the net total. */
  readonly grossText?: string;
  readonly invoiceCount: number;
  /** Entry method: `7100 Bad debt expense`; null for Line item. */
  readonly account: string | null;
  readonly comment: string | null;
  readonly items: readonly PreviewItemModel[];
  readonly journal: readonly JournalRowModel[];
  /** `1005 (in pending request WO-000003)`. */
  readonly heldLines: readonly string[];
  /** Invoices that look like they should be voided, with why. */
  readonly voidLines: readonly string[];
  /** Shown first, e.g. "balances changed since the preview". */
  readonly notice: string | null;
  /** The reason select and evidence input (docs/policy.md). */
  readonly reasonInputs: ReasonInputsModel;
}

/** Invoices listed one by one; the rest are summarised so the modal stays readable. */
export const PREVIEW_ITEMS_SHOWN = 60;
const LINES_PER_SECTION = 20;

export function manualPreviewView(model: PreviewViewModel): ModalView {
  const blocks: types.KnownBlock[] = [
    header(`Write off ${amountText(model)}`),
    ...(model.notice === null ? [] : [section(`:warning: ${model.notice}`, ids.errorsBlock)]),
    fields(factFields(model), ids.factsBlock),
    ...itemBlocks(model),
    section(journalText(model.journal), ids.journalBlock),
    ...(model.heldLines.length === 0
      ? []
      : [
          context(
            [
              truncate(
                `Not included (already in a pending request): ${model.heldLines.join(', ')}`,
                3000,
              ),
            ],
            ids.heldBlock,
          ),
        ]),
    ...(model.voidLines.length === 0
      ? []
      : [
          context(
            [truncate(`:warning: ${VOID_NOTE}\n${model.voidLines.join('\n')}`, 3000)],
            ids.voidNoteBlock,
          ),
        ]),
    ...reasonInputBlocks(model.reasonInputs),
    {
      type: 'actions',
      block_id: ids.pagerBlock,
      elements: [
        {
          type: 'button',
          action_id: ids.backToInvoicesAction,
          text: plainText('◀ Back to invoices'),
          value: 'invoices',
        },
      ],
    },
    voidReminder(),
  ];
  return modal(
    { callbackId: ids.previewCallback, metadata: model.metadata, submit: 'Submit for approval' },
    blocks,
  );
}

// Approver limits cover the gross amount (ADR 100), so a preview whose lines net to less shows both.
function amountText(model: PreviewViewModel): string {
  return model.grossText === undefined
    ? model.totalText
    : `${model.totalText} net · ${model.grossText} gross`;
}

function factFields(model: PreviewViewModel): string[] {
  const facts = [
    `*Customer*\n${model.customer}`,
    `*Total*\n${amountText(model)} (${model.invoiceCount} invoice${model.invoiceCount === 1 ? '' : 's'})`,
    `*Period*\n${model.period}`,
    `*Date*\n${model.date}`,
    `*Method*\n${model.methodLabel}`,
    `*Requested by*\n<@${model.requesterId}>`,
  ];
  if (model.account !== null) facts.push(`*Write-off account*\n${model.account}`);
  if (model.comment !== null) facts.push(`*Comment*\n${truncate(model.comment, 500)}`);
  return facts;
}

function itemBlocks(model: PreviewViewModel): types.KnownBlock[] {
  const shown = model.items.slice(0, PREVIEW_ITEMS_SHOWN).map((item) => {
    const amount = item.partial
      ? `${item.amountText} of ${item.openText} (partial)`
      : `${item.amountText} (full balance)`;
    return `• *${item.invoice}* — ${amount}${item.detail === null ? '' : ` · ${item.detail}`}`;
  });
  const blocks: types.KnownBlock[] = [];
  for (let i = 0; i < shown.length; i += LINES_PER_SECTION) {
    const text = shown.slice(i, i + LINES_PER_SECTION).join('\n');
    blocks.push(section(truncate(text, 3000), `${ids.itemsBlock}|${i / LINES_PER_SECTION}`));
  }
  const rest = model.items.length - shown.length;
  if (rest > 0) {
    blocks.push(
      context([`…and ${rest} more invoice${rest === 1 ? '' : 's'}, all included in the total.`]),
    );
  }
  return blocks;
}

function journalText(rows: readonly JournalRowModel[]): string {
  const lines = rows.map(
    (r) =>
      `\`${escapeMrkdwn(r.account)}\` ${escapeMrkdwn(truncate(r.name, 40))} — ${r.debitText === '' ? `Cr ${r.creditText}` : `Dr ${r.debitText}`}`,
  );
  return truncate(`*Journal entry*\n${lines.join('\n')}`, 3000);
}
