// View-model mappers for the manual write-off modal: app data in, formatted text out (money,
// ages, labels). The view builders stay pure functions of these models.
import type { CustomerHit, FormData, ManualDraft } from '../../app/drafts.ts';
import type { InvoicePage } from '../../app/drafts-invoices.ts';
import type { DraftPreview, DraftProblem, VoidHint } from '../../app/drafts-preview.ts';
import { previewGrossMinor } from '../../domain/approval-limit.ts';
import { formatMoney } from '../../domain/money.ts';
import { escapeMrkdwn, truncate } from '../blocks.ts';
import type { Choice, FormViewModel } from './manual-form.ts';
import type { InvoicesViewModel, RowProblems } from './manual-invoices.ts';
import type { PreviewViewModel } from './manual-preview.ts';
import { reasonInputsModel } from './reason-inputs.ts';

export const METHOD_LABELS = { entry: 'Entry', 'line-item': 'Line item' } as const;

/** `C100 · Acme Builders · open $1,234.00` (an option text, at most 75 characters). */
export function customerChoice(hit: CustomerHit, currency: string): Choice {
  const balance = formatMoney(hit.balanceMinor, currency);
  return { value: hit.id, label: truncate(`${hit.id} · ${hit.name} · open ${balance}`, 75) };
}

export function formViewModel(form: FormData, metadata: string): FormViewModel {
  const { draft } = form;
  return {
    metadata,
    customer:
      form.customer === null
        ? null
        : { value: form.customer.id, label: `${form.customer.id} · ${form.customer.name}` },
    periods: form.openPeriods.map((p) => ({
      value: p.name,
      label: `${p.name} (${p.start} – ${p.end})`,
    })),
    period: draft.period ?? form.defaultPeriod,
    date: draft.date ?? form.today,
    method: draft.method,
  };
}

export function invoicesViewModel(
  page: InvoicePage,
  draft: ManualDraft,
  metadata: string,
  problems: readonly DraftProblem[] = [],
  errorLines: readonly string[] = [],
): InvoicesViewModel {
  const { ledger, totals } = page;
  const money = (minor: number) => formatMoney(minor, ledger.currency);
  const size = page.rows.length;
  const first = ledger.invoices.findIndex((i) => i.number === page.rows[0]?.number) + 1;
  const unreadable =
    totals.unreadableCount === 0 ? '' : ` (${totals.unreadableCount} amount(s) still to fix)`;
  const held = totals.heldCount === 0 ? '' : ` · ${totals.heldCount} in other pending requests`;
  return {
    metadata,
    rev: draft.rev,
    method: draft.method,
    customerLine: `*${escapeMrkdwn(ledger.customer.name)}* (${ledger.customer.id}) · open invoices ${money(ledger.invoicesOpenMinor)} · on account ${money(ledger.onAccountMinor)}`,
    settingsLine: `Period ${draft.period ?? '?'} · date ${draft.date ?? '?'} · ${METHOD_LABELS[draft.method]} method`,
    accounts: ledger.writeOffAccounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` })),
    account: draft.account ?? ledger.defaultAccount,
    comment: draft.comment,
    selectAll: draft.selectAll,
    selectableCount: totals.selectableCount,
    totalLine: `*${totals.selectedCount} of ${totals.selectableCount} invoices selected · total ${money(totals.selectedMinor)}*${unreadable}${held}\n_Amounts typed on this page count once you change page or preview._`,
    rows: page.rows.map((row) => ({
      invoice: row.number,
      label: `${row.number} · ${row.date} · ${row.ageDays} days`,
      openText: money(row.openMinor),
      selected: row.state.selected,
      amountText: row.state.amountText,
      account: row.state.account,
      comment: row.state.comment,
      heldBy: row.heldBy,
      problems: rowProblems(problems, row.number),
    })),
    pageIndex: page.pageIndex,
    pageCount: page.pageCount,
    rangeLine:
      size === 0
        ? 'This customer has no open invoices.'
        : `Page ${page.pageIndex + 1} of ${page.pageCount} · invoices ${first}–${first + size - 1} of ${ledger.invoices.length}`,
    errorLines,
  };
}

function rowProblems(problems: readonly DraftProblem[], invoice: string): RowProblems {
  const out: { -readonly [K in keyof RowProblems]: string } = {};
  for (const p of problems) {
    if (p.invoice !== invoice || p.field === 'general') continue;
    out[p.field] = out[p.field] === undefined ? p.message : `${out[p.field]} ${p.message}`;
  }
  return out;
}

export function previewViewModel(
  dp: DraftPreview,
  draft: ManualDraft,
  metadata: string,
  notice: string | null = null,
): PreviewViewModel {
  const { ledger, preview } = dp;
  const money = (minor: number) => formatMoney(minor, ledger.currency);
  const names = new Map(ledger.writeOffAccounts.map((a) => [a.code, a.name]));
  const openByInvoice = new Map(ledger.invoices.map((i) => [i.number, i.openMinor]));
  const accountLabel = (code: string) => escapeMrkdwn(`${code} ${names.get(code) ?? ''}`.trim());
  const isEntry = draft.method === 'entry';
  const gross = previewGrossMinor(preview.items);
  return {
    metadata,
    customer: `${escapeMrkdwn(ledger.customer.name)} (${ledger.customer.id})`,
    period: preview.period,
    date: preview.date,
    methodLabel: METHOD_LABELS[draft.method],
    requesterId: draft.userId,
    totalText: money(preview.totalMinor),
    ...(gross !== preview.totalMinor && { grossText: money(gross) }),
    invoiceCount: preview.items.length,
    account: isEntry ? accountLabel(draft.account ?? ledger.defaultAccount) : null,
    comment: isEntry && draft.comment !== null ? escapeMrkdwn(draft.comment) : null,
    reasonInputs: reasonInputsModel(dp.reasons, ledger.currency, {
      selected: draft.reasonCode ?? null,
      evidence: draft.evidence ?? null,
      grossMinor: dp.grossMinor,
    }),
    items: preview.items.map((item) => {
      const openMinor = openByInvoice.get(item.kind === 'invoice' ? item.invoice : '') ?? 0;
      const first = item.kind === 'invoice' ? item.lines[0] : undefined;
      return {
        invoice: escapeMrkdwn(item.kind === 'invoice' ? item.invoice : item.onAccountId),
        amountText: money(item.totalMinor),
        openText: money(openMinor),
        partial: item.totalMinor !== openMinor,
        detail:
          isEntry || first === undefined
            ? null
            : `${escapeMrkdwn(first.account)} · ${escapeMrkdwn(truncate(first.comment ?? '', 60))}`,
      };
    }),
    journal: preview.journal.map((row) => ({
      account: row.account,
      name: ledgerAccountName(dp, row.account),
      debitText: row.debitMinor === 0 ? '' : money(row.debitMinor),
      creditText: row.creditMinor === 0 ? '' : money(row.creditMinor),
    })),
    heldLines: ledger.invoices
      .filter((i) => i.heldBy !== null)
      .map((i) => `${escapeMrkdwn(i.number)} (in ${i.heldBy})`),
    voidLines: dp.voidHints.map(voidLine),
    notice,
  };
}

function ledgerAccountName(dp: DraftPreview, code: string): string {
  return dp.ledger.accounts.find((a) => a.code === code)?.name ?? '';
}

function voidLine(hint: VoidHint): string {
  return hint.reason === 'comment_says_error'
    ? `• ${escapeMrkdwn(hint.invoice)}: the comment says the invoice was wrong.`
    : `• ${escapeMrkdwn(hint.invoice)}: full balance of an invoice less than 31 days old.`;
}
