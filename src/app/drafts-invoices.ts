// The invoice step of a manual draft (ADR 040, 041): the customer's open invoices in pages,
// the clerk's choices merged into the draft page by page, a running total, and the draft
// turned into the engine's ManualRequest. "Select all" is a draft flag, so 300 invoices are
// selected without rendering 300 rows; each row the clerk touches becomes an exception.
import { listAccounts } from '../db/repos/accounts.ts';
import { customerBalance, getCustomer } from '../db/repos/customers.ts';
import { listOpenInvoices } from '../db/repos/invoices.ts';
import { invoiceLocksOfCustomer } from '../db/repos/requests.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import { openBalance } from '../domain/allocation.ts';
import type { ManualRequest, ManualSelection } from '../domain/manual.ts';
import { formatAmount, parseAmount } from '../domain/money.ts';
import type { Account, Customer, Invoice } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import type { InvoiceChoice, ManualDraft } from './drafts.ts';
import { todayIn } from './today.ts';

/** Rows per page: 2 blocks per Entry row, 4 per Line item row, under Slack's 100 per modal. */
export const PAGE_SIZE = { entry: 40, 'line-item': 20 } as const;

export interface OpenInvoiceRow {
  readonly number: string;
  readonly date: string;
  readonly dueDate: string;
  readonly ageDays: number;
  readonly openMinor: number;
  /** The pending request holding the invoice; such a row cannot be selected. */
  readonly heldBy: string | null;
}

/** A row as the clerk sees it now: the draft's choice with defaults applied. */
export interface RowState {
  readonly selected: boolean;
  /** What the amount box shows: the partial amount, the full balance, or empty. */
  readonly amountText: string;
  /** Line item: the invoice's own account / comment; null means "use the default". */
  readonly account: string | null;
  readonly comment: string | null;
}

export interface CustomerLedger {
  readonly customer: Customer;
  readonly currency: string;
  readonly today: string;
  readonly invoices: readonly OpenInvoiceRow[];
  readonly invoicesOpenMinor: number;
  readonly onAccountMinor: number;
  /** The whole active chart, for account names in the journal. */
  readonly accounts: readonly Account[];
  /** Write-off accounts the clerk may choose (role `write_off`). */
  readonly writeOffAccounts: readonly Account[];
  readonly defaultAccount: string;
  /** The engine's view of the same invoices, for previews. */
  readonly engineInvoices: readonly Invoice[];
  readonly held: ReadonlyMap<string, string>;
}

export interface InvoicePage {
  readonly ledger: CustomerLedger;
  readonly rows: readonly (OpenInvoiceRow & { readonly state: RowState })[];
  readonly pageIndex: number;
  readonly pageCount: number;
  readonly totals: SelectionTotals;
}

export interface SelectionTotals {
  readonly selectedCount: number;
  readonly selectedMinor: number;
  readonly selectableCount: number;
  readonly heldCount: number;
  /** Selected invoices whose typed amount is not a valid number yet (counted at 0). */
  readonly unreadableCount: number;
}

/** Everything about the draft's customer the invoice step needs; null if it vanished. */
export function loadCustomerLedger(deps: AppDeps, draft: ManualDraft): CustomerLedger | null {
  return deps.store.read((tx) => {
    const settings = getLedgerSettings(tx);
    if (draft.customerId === null || settings === null) return null;
    const customer = getCustomer(tx, draft.customerId);
    if (customer === null) return null;
    const engineInvoices = listOpenInvoices(tx, customer.id);
    const held = invoiceLocksOfCustomer(tx, customer.id);
    const today = todayIn(settings.timezone, deps.now());
    const accounts = listAccounts(tx);
    const writeOffAccounts = accounts.filter((a) => a.role === 'write_off');
    const balance = customerBalance(tx, customer.id);
    return {
      customer,
      currency: settings.currency,
      today,
      invoices: engineInvoices.map((invoice) => ({
        number: invoice.number,
        date: invoice.date,
        dueDate: invoice.dueDate,
        ageDays: daysBetween(invoice.date, today),
        openMinor: openBalance(invoice),
        heldBy: held.get(invoice.number) ?? null,
      })),
      invoicesOpenMinor: balance.invoicesOpenMinor,
      accounts,
      onAccountMinor: balance.onAccountMinor,
      writeOffAccounts,
      defaultAccount: writeOffAccounts.find((a) => a.isDefault)?.code ?? '',
      engineInvoices,
      held,
    };
  });
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function pageCountOf(ledger: CustomerLedger, draft: ManualDraft): number {
  return Math.max(1, Math.ceil(ledger.invoices.length / PAGE_SIZE[draft.method]));
}

/** The 0-based page an invoice is on, or undefined if it is not an open invoice. */
export function pageOfInvoice(
  ledger: CustomerLedger,
  draft: ManualDraft,
  invoice: string,
): number | undefined {
  const index = ledger.invoices.findIndex((i) => i.number === invoice);
  return index === -1 ? undefined : Math.floor(index / PAGE_SIZE[draft.method]);
}

export function invoicePage(ledger: CustomerLedger, draft: ManualDraft): InvoicePage {
  const pageCount = pageCountOf(ledger, draft);
  const pageIndex = Math.min(Math.max(draft.page, 0), pageCount - 1);
  const size = PAGE_SIZE[draft.method];
  const rows = ledger.invoices
    .slice(pageIndex * size, (pageIndex + 1) * size)
    .map((row) => ({ ...row, state: rowState(draft, row, ledger.currency) }));
  return { ledger, rows, pageIndex, pageCount, totals: selectionTotals(ledger, draft) };
}

export function isSelected(draft: ManualDraft, row: OpenInvoiceRow): boolean {
  if (row.heldBy !== null) return false;
  return draft.choices[row.number]?.selected ?? draft.selectAll;
}

export function rowState(draft: ManualDraft, row: OpenInvoiceRow, currency: string): RowState {
  const choice = draft.choices[row.number] ?? {};
  const selected = isSelected(draft, row);
  const amountText = selected ? (choice.amount ?? formatAmount(row.openMinor, currency)) : '';
  return {
    selected,
    amountText,
    account: choice.account ?? null,
    comment: choice.comment ?? null,
  };
}

export function selectionTotals(ledger: CustomerLedger, draft: ManualDraft): SelectionTotals {
  let selectedCount = 0;
  let selectedMinor = 0;
  let heldCount = 0;
  let unreadableCount = 0;
  for (const row of ledger.invoices) {
    if (row.heldBy !== null) heldCount += 1;
    if (!isSelected(draft, row)) continue;
    selectedCount += 1;
    const amount = draft.choices[row.number]?.amount;
    if (amount === undefined) {
      selectedMinor += row.openMinor;
      continue;
    }
    const parsed = parseAmount(amount, ledger.currency);
    if (parsed.ok) selectedMinor += parsed.value;
    else unreadableCount += 1;
  }
  return {
    selectedCount,
    selectedMinor,
    selectableCount: ledger.invoices.length - heldCount,
    heldCount,
    unreadableCount,
  };
}

/** What one rendered row sent back (view.state.values), already parsed. */
export interface RowInput {
  readonly invoice: string;
  readonly selected: boolean;
  readonly amount: string | null;
  readonly account: string | null;
  readonly comment: string | null;
}

/** Request-level inputs of the invoice step. */
export interface StepInput {
  readonly account: string | null;
  readonly comment: string | null;
  readonly rows: readonly RowInput[];
}

/**
 * Merges one page's inputs into the draft. A row counts as selected when its box is ticked,
 * or when the clerk typed an amount into an unticked row (typing an amount says "this one").
 * An amount equal to the full balance is stored as "full balance".
 */
export function applyStepInput(
  ledger: CustomerLedger,
  draft: ManualDraft,
  input: StepInput,
): ManualDraft {
  const byNumber = new Map(ledger.invoices.map((r) => [r.number, r]));
  const choices: Record<string, InvoiceChoice> = { ...draft.choices };
  for (const row of input.rows) {
    const invoice = byNumber.get(row.invoice);
    if (invoice === undefined || invoice.heldBy !== null) continue;
    const shown = rowState(draft, invoice, ledger.currency).amountText;
    const typed = (row.amount ?? '').trim();
    const selected = row.selected || (typed !== '' && typed !== shown);
    const parsed = parseAmount(typed, ledger.currency);
    const isFull = typed === '' || (parsed.ok && parsed.value === invoice.openMinor);
    const choice: InvoiceChoice = { selected };
    if (selected && !isFull) choice.amount = typed;
    if (row.account !== null) choice.account = row.account;
    const comment = row.comment?.trim() ?? '';
    if (comment !== '') choice.comment = comment;
    choices[row.invoice] = choice;
  }
  const comment = input.comment?.trim() ?? '';
  return {
    ...draft,
    account: input.account ?? draft.account,
    comment: comment === '' ? null : comment,
    choices,
  };
}

/** Select all / deselect all: every open invoice at full balance, per-row choices reset. */
export function setSelectAll(draft: ManualDraft, selectAll: boolean): ManualDraft {
  const choices: Record<string, InvoiceChoice> = {};
  // Line item accounts and comments survive: they are not part of the selection.
  for (const [number, choice] of Object.entries(draft.choices)) {
    const kept: InvoiceChoice = {};
    if (choice.account !== undefined) kept.account = choice.account;
    if (choice.comment !== undefined) kept.comment = choice.comment;
    if (Object.keys(kept).length > 0) choices[number] = kept;
  }
  return { ...draft, selectAll, choices, rev: draft.rev + 1 };
}

/**
 * The engine request for the draft. Held invoices are never selected. With Line item, each
 * selection carries its own account and comment or the draft's defaults (ADR 041).
 */
export function manualRequestOf(ledger: CustomerLedger, draft: ManualDraft): ManualRequest {
  const selections: ManualSelection[] = [];
  for (const row of ledger.invoices) {
    if (!isSelected(draft, row)) continue;
    const choice = draft.choices[row.number] ?? {};
    const amount = choice.amount === undefined ? {} : { amount: choice.amount };
    if (draft.method === 'entry') {
      selections.push({ invoice: row.number, ...amount });
      continue;
    }
    const account = choice.account ?? draft.account ?? ledger.defaultAccount;
    const comment = choice.comment ?? draft.comment ?? '';
    selections.push({ invoice: row.number, ...amount, account, comment });
  }
  const base = {
    customerId: ledger.customer.id,
    period: draft.period ?? '',
    date: draft.date ?? '',
    invoices: selections,
  };
  if (draft.method === 'line-item') return { ...base, method: 'line-item' };
  return {
    ...base,
    method: 'entry',
    ...(draft.account === null ? {} : { account: draft.account }),
    ...(draft.comment === null ? {} : { comment: draft.comment }),
  };
}
