// The "Automatic criteria" form in Slack (docs/automatic-write-offs.md): what it offers (open
// periods, write-off accounts, today) and the check of what the clerk entered. The check ends in
// the engine's own validation (validateAutoCriteria), so the form, the CLI and the preview agree
// on every rule; the form only adds what is about its own inputs (both percentage options, one
// end of a range, "N days").
import { listAccounts, listOpenPeriods, loadLedgerContext } from '../db/repos/accounts.ts';
import { searchInvoiceNumbers } from '../db/repos/invoices.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import type { AutoCriteriaInput, AutoType, FcPercentOption } from '../domain/automatic.ts';
import { olderThanFromDays, validateAutoCriteria } from '../domain/automatic.ts';
import { isIsoDate } from '../domain/dates.ts';
import { describeError, type WriteOffError } from '../domain/errors.ts';
import type { ReasonCode } from '../domain/policy.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { reasonsInForce } from './policy.ts';
import { todayIn } from './today.ts';

export interface AutoFormData {
  readonly currency: string;
  readonly today: string;
  readonly openPeriods: readonly { readonly name: string }[];
  readonly defaultPeriod: string | null;
  /** Write-off accounts; the default one first. */
  readonly writeOffAccounts: readonly { readonly code: string; readonly name: string }[];
  readonly fcWriteOffAccount: string;
  /** The policy's reason codes, for the reason select (docs/policy.md). */
  readonly reasons: readonly ReasonCode[];
}

/** Null before the first import. */
export function loadAutoFormData(deps: AppDeps): AutoFormData | null {
  return deps.store.read((tx) => {
    const settings = getLedgerSettings(tx);
    const ctx = loadLedgerContext(tx);
    if (settings === null || ctx === null) return null;
    const today = todayIn(settings.timezone, deps.now());
    const openPeriods = listOpenPeriods(tx);
    const current = openPeriods.find((p) => p.start <= today && today <= p.end);
    const writeOff = listAccounts(tx).filter((a) => a.role === 'write_off');
    writeOff.sort(
      (a, b) => Number(b.isDefault) - Number(a.isDefault) || (a.code < b.code ? -1 : 1),
    );
    return {
      currency: settings.currency,
      today,
      openPeriods: openPeriods.map((p) => ({ name: p.name })),
      defaultPeriod: current?.name ?? openPeriods[0]?.name ?? null,
      writeOffAccounts: writeOff.map((a) => ({ code: a.code, name: a.name })),
      fcWriteOffAccount: ctx.postingAccounts.fcWriteOff,
      reasons: reasonsInForce(tx, settings.currency),
    };
  });
}

/** The form's inputs as typed; null = left empty. */
export interface AutoFormInput {
  readonly type: string | null;
  readonly value: string | null;
  readonly fcOptions: readonly string[];
  readonly olderThan: string | null;
  readonly startDate: string | null;
  readonly customerFrom: string | null;
  readonly customerTo: string | null;
  readonly invoiceFrom: string | null;
  readonly invoiceTo: string | null;
  readonly period: string | null;
  readonly date: string | null;
  readonly account: string | null;
  readonly comment: string | null;
  readonly reasonCode: string | null;
  readonly evidence: string | null;
}

export type AutoFormField = Exclude<keyof AutoFormInput, 'fcOptions'> | 'fcPercent';
export type AutoFormErrors = Partial<Record<AutoFormField, string>>;

export interface CheckedAutoForm {
  readonly input: AutoCriteriaInput;
  readonly comment: string;
  /**
   * Required by the form; the evidence threshold is checked once the run's amount is known, on
   * the preview step (ADR 257).
   */
  readonly reasonCode?: string;
  readonly evidence?: string;
  /** The rejected or stale request this run resubmits, when the draft came from one. */
  readonly revises?: string;
}

const TYPES: readonly AutoType[] = ['finance-charge', 'invoice-balance', 'account-balance'];
const FC_OPTIONS: readonly FcPercentOption[] = ['all-lines', 'from-line-1'];
/** `90`, `90d`, `90 days`: N days before the write-off date (ADR 034). */
const DAYS = /^(\d{1,5})\s*(d|days?)?$/i;

/** Every problem with the form by field, or the criteria exactly as the CLI would build them. */
export function checkAutoForm(
  deps: AppDeps,
  form: AutoFormInput,
): Result<CheckedAutoForm, AutoFormErrors> {
  const errors: AutoFormErrors = {};
  const type = TYPES.find((t) => t === form.type);
  if (type === undefined) errors.type = 'Choose what to write off by.';
  const value = form.value?.trim() ?? '';
  if (value === '') errors.value = 'Enter an amount or a percentage.';
  const fcPercent = fcOptionOf(type, form.fcOptions, errors);
  const date = form.date ?? todayOf(deps);
  const olderThan = olderThanOf(form.olderThan, date, errors);
  const customers = rangeOf(form.customerFrom, form.customerTo, 'customerTo', 'customer', errors);
  const invoices = rangeOf(form.invoiceFrom, form.invoiceTo, 'invoiceTo', 'invoice', errors);
  if (form.period === null) errors.period = 'Choose a period.';
  const comment = form.comment?.trim() ?? '';
  if (comment === '') {
    errors.comment = 'Give the reason for this run; the approver and the auditors read it.';
  }
  if (form.reasonCode === null) {
    errors.reasonCode = 'required: choose the reason code the auditors file this run under.';
  }
  if (type === undefined || value === '' || olderThan === undefined || form.period === null) {
    return err(errors);
  }
  const input: AutoCriteriaInput = {
    type,
    value,
    ...(fcPercent && { fcPercent }),
    olderThan,
    ...(form.startDate !== null && { startDate: form.startDate }),
    ...(customers && { customers }),
    ...(invoices && { invoices }),
    period: form.period,
    date,
    ...(form.account !== null && type !== 'finance-charge' && { account: form.account }),
  };
  const engine = engineErrors(deps, input);
  for (const [field, message] of Object.entries(engine) as [AutoFormField, string][]) {
    errors[field] ??= message;
  }
  if (Object.keys(errors).length > 0) return err(errors);
  return ok({
    input,
    comment,
    ...(form.reasonCode !== null && { reasonCode: form.reasonCode }),
    ...(form.evidence !== null && { evidence: form.evidence.trim() }),
  });
}

function todayOf(deps: AppDeps): string {
  return deps.store.read((tx) => {
    const settings = getLedgerSettings(tx);
    return todayIn(settings?.timezone ?? 'UTC', deps.now());
  });
}

function fcOptionOf(
  type: AutoType | undefined,
  options: readonly string[],
  errors: AutoFormErrors,
): FcPercentOption | undefined {
  const chosen = FC_OPTIONS.filter((o) => options.includes(o));
  if (chosen.length === 0 || type !== 'finance-charge') return undefined;
  if (chosen.length > 1) {
    errors.fcPercent = 'Choose one percentage option, not both: all lines, or from line 1.';
    return undefined;
  }
  return chosen[0];
}

function olderThanOf(
  text: string | null,
  date: string,
  errors: AutoFormErrors,
): string | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') {
    errors.olderThan = 'Enter a date (YYYY-MM-DD) or a number of days, e.g. 90.';
    return undefined;
  }
  const days = DAYS.exec(trimmed);
  if (days === null) return trimmed;
  if (!isIsoDate(date)) return undefined;
  return olderThanFromDays(date, Number(days[1]));
}

function rangeOf(
  from: string | null,
  to: string | null,
  toField: 'customerTo' | 'invoiceTo',
  noun: string,
  errors: AutoFormErrors,
): { from: string; to: string } | undefined {
  if (from === null && to === null) return undefined;
  if (from === null || to === null) {
    errors[toField] =
      `Choose both ends of the ${noun} range, or neither (the same ${noun} twice for one).`;
    return undefined;
  }
  return { from, to };
}

function engineErrors(deps: AppDeps, input: AutoCriteriaInput): AutoFormErrors {
  return deps.store.read((tx): AutoFormErrors => {
    const ctx = loadLedgerContext(tx);
    if (ctx === null) return { type: 'No A/R data has been imported yet.' };
    const checked = validateAutoCriteria(input, ctx);
    if (checked.ok) return {};
    const errors: AutoFormErrors = {};
    for (const e of checked.error) errors[fieldOf(e)] ??= describeError(e, ctx.currency);
    return errors;
  });
}

function fieldOf(e: WriteOffError): AutoFormField {
  switch (e.kind) {
    case 'invalid_amount':
    case 'negative_value':
    case 'invalid_percent':
      return 'value';
    case 'percent_option_not_allowed':
      return 'fcPercent';
    case 'invalid_date':
      return e.field === 'startDate' ? 'startDate' : e.field === 'date' ? 'date' : 'olderThan';
    case 'empty_date_window':
      return 'startDate';
    case 'invalid_range':
      return e.field === 'customers' ? 'customerTo' : 'invoiceTo';
    case 'unknown_period':
    case 'period_closed':
      return 'period';
    case 'unknown_account':
    case 'not_a_write_off_account':
    case 'account_not_allowed':
    case 'missing_account':
      return 'account';
    default:
      return 'type';
  }
}

/** Invoice numbers for the range type-ahead. */
export function findInvoiceNumbers(deps: AppDeps, query: string, limit: number): string[] {
  return deps.store.read((tx) => searchInvoiceNumbers(tx, query.trim(), limit));
}
