// The preview of an automatic run and the messages around it (computing, submitted). Pure. A run
// can cover thousands of items, so the modal shows the summary, the journal entry and the 10
// largest items only; the full detail goes to the clerk as a CSV file. A fixed number of blocks
// whatever the size (docs/automatic-write-offs.md).
import type { types } from '@slack/bolt';
import type { AutoRunPreview } from '../../app/auto-run.ts';
import { formatMoney } from '../../domain/money.ts';
import type { SkipReason, WriteOffItem } from '../../domain/types.ts';
import { context, escapeMrkdwn, fields, header, section, truncate } from '../blocks.ts';
import { autoIds as ids } from '../ids.ts';
import { type ModalView, modal, voidReminder } from './manual-common.ts';
import { type ReasonInputsModel, reasonInputBlocks } from './reason-inputs.ts';

export const TYPE_LABELS: Readonly<Record<string, string>> = {
  'finance-charge': 'By finance charge',
  'invoice-balance': 'By invoice balance',
  'account-balance': 'By account balance',
};

const SKIP_LABELS: Readonly<Record<SkipReason, string>> = {
  pending_elsewhere: 'already in a pending request',
  polarity: 'of the opposite sign to the rule',
};

export interface AutoPreviewViewModel {
  readonly metadata: string;
  readonly run: AutoRunPreview;
  readonly criteriaText: string;
  readonly comment: string;
  readonly notice: string | null;
  /** Whether the CSV detail was sent to the clerk. */
  readonly csvSent: boolean;
  /** The rejected or stale request this run resubmits, or null. */
  readonly revises: string | null;
  /** The reason select and evidence input, checked at this run's gross amount (ADR 257). */
  readonly reasonInputs: ReasonInputsModel;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function autoPreviewView(model: AutoPreviewViewModel): ModalView {
  const { header: preview, summary } = model.run;
  const money = (minor: number) => formatMoney(minor, preview.currency);
  const amount =
    summary.grossMinor === Math.abs(summary.totalMinor)
      ? money(summary.totalMinor)
      : `${money(summary.totalMinor)} net · ${money(summary.grossMinor)} gross`;
  const blocks: types.KnownBlock[] = [
    header(truncate(`Write off ${amount}`, 150)),
    ...(model.notice === null ? [] : [section(`:warning: ${model.notice}`, ids.noticeBlock)]),
    fields(
      [
        `*Run*\n${TYPE_LABELS[preview.mode] ?? preview.mode}`,
        `*Criteria*\n${truncate(escapeMrkdwn(model.criteriaText), 1900)}`,
        `*Items*\n${plural(summary.customers, 'customer')} · ${plural(summary.invoices, 'invoice')} · ${plural(summary.onAccountItems, 'on-account item')}`,
        `*Period · date*\n${preview.period} · ${preview.date}`,
        `*Comment*\n${truncate(escapeMrkdwn(model.comment), 1900)}`,
        ...(model.revises === null ? [] : [`*Revises*\n${escapeMrkdwn(model.revises)}`]),
      ],
      ids.summaryBlock,
    ),
    section(journalText(model.run, money), ids.journalBlock),
    section(largestText(model.run, money), ids.largestBlock),
    context([skippedText(summary.skipped)], ids.skippedBlock),
    context(
      [
        model.csvSent
          ? `The full detail (${plural(summary.lines, 'line')}) was sent to you as a CSV file.`
          : `The full detail has ${plural(summary.lines, 'line')}; it is attached to the request once submitted.`,
      ],
      ids.messageBlock,
    ),
    ...reasonInputBlocks(model.reasonInputs),
    voidReminder(),
  ];
  return modal(
    { callbackId: ids.previewCallback, metadata: model.metadata, submit: 'Submit for approval' },
    blocks,
  );
}

export function journalText(run: AutoRunPreview, money: (minor: number) => string): string {
  const lines = run.summary.journal.map(
    (r) =>
      `\`${escapeMrkdwn(r.account)}\` ${r.debitMinor > 0 ? `Dr ${money(r.debitMinor)}` : `Cr ${money(r.creditMinor)}`}`,
  );
  return truncate(`*Journal entry*\n${lines.join('\n')}`, 3000);
}

export function largestText(run: AutoRunPreview, money: (minor: number) => string): string {
  const { largest } = run.summary;
  if (largest.length === 0) return '*Largest items*\nNone.';
  const lines = largest.map(
    (item) => `• ${itemText(item, run.customerNames)}: ${money(item.totalMinor)}`,
  );
  return truncate(`*${largest.length} largest items*\n${lines.join('\n')}`, 3000);
}

function itemText(item: WriteOffItem, names: ReadonlyMap<string, string>): string {
  const name = names.get(item.customerId);
  const who = escapeMrkdwn(
    truncate(name === undefined ? item.customerId : `${name} (${item.customerId})`, 80),
  );
  const what =
    item.kind === 'invoice' ? `invoice ${item.invoice}` : `on-account ${item.onAccountId}`;
  return `${who}, ${escapeMrkdwn(truncate(what, 60))}`;
}

export function skippedText(skipped: Readonly<Partial<Record<SkipReason, number>>>): string {
  const parts = (Object.keys(SKIP_LABELS) as SkipReason[])
    .filter((reason) => (skipped[reason] ?? 0) > 0)
    .map((reason) => `${skipped[reason]} ${SKIP_LABELS[reason]}`);
  return parts.length === 0 ? 'Nothing skipped.' : `Skipped: ${parts.join('; ')}.`;
}

/** Shown at once while the preview computes (the submission is acknowledged first). */
export function autoProgressView(text: string): ModalView {
  return modal({ callbackId: ids.progressCallback, metadata: '', close: 'Close' }, [
    section(`:hourglass_flowing_sand: ${text}`, ids.messageBlock),
  ]);
}

export function autoMessageView(text: string): ModalView {
  return modal({ callbackId: ids.progressCallback, metadata: '', close: 'Close' }, [
    section(text, ids.messageBlock),
  ]);
}
