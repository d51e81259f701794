// An automatic run from Slack (docs/automatic-write-offs.md): the preview the modal shows (with
// its summary, hash and CSV detail) and the submit of exactly that preview. The criteria travel
// in the modal; at Submit the run is previewed again and must hash as the clerk saw it, so what
// is submitted is what was shown (a changed ledger shows the fresh preview instead).
import { getCustomer } from '../db/repos/customers.ts';
import { getSetting } from '../db/repos/settings.ts';
import type { AutoCriteriaInput } from '../domain/automatic.ts';
import { type PreviewSummary, summarisePreview } from '../domain/preview-summary.ts';
import type { Preview, Result, WriteOffItem } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps, AppError } from './deps.ts';
import { previewCsvBytes } from './preview-csv.ts';
import { type PreviewResult, previewAutomaticRun } from './preview-write-off.ts';
import { previewHash } from './snapshot.ts';
import { submitRequest } from './submit-request.ts';

/**
 * What the modal shows of a run: its header, summary and hash, never the items themselves (a
 * run over the whole ledger has hundreds of thousands of lines), plus the CSV detail as bytes.
 */
export interface AutoRunPreview {
  readonly header: Pick<Preview, 'mode' | 'currency' | 'period' | 'date'>;
  readonly summary: PreviewSummary;
  readonly hash: string;
  /** Names of the customers among the largest items. */
  readonly customerNames: ReadonlyMap<string, string>;
  /** The full detail, one row per written-off line (UTF-8 CSV); null when not asked for. */
  readonly csv: Uint8Array | null;
}

export function previewAutoRun(
  deps: AppDeps,
  input: AutoCriteriaInput,
): Result<AutoRunPreview, AppError> {
  const result = previewAutomaticRun(deps, input);
  if (!result.ok) return result;
  return ok(describeRun(deps, result.value.preview, { withCsv: true }));
}

export function describeRun(
  deps: AppDeps,
  preview: Preview,
  options: { readonly withCsv?: boolean } = {},
): AutoRunPreview {
  const summary = summarisePreview(preview);
  const { mode, currency, period, date } = preview;
  return {
    header: { mode, currency, period, date },
    summary,
    hash: previewHash(preview),
    customerNames: customerNamesOf(deps, summary.largest),
    csv: options.withCsv === true ? previewCsvBytes(preview) : null,
  };
}

/** Names of the customers of `items` (the largest ones, which the modal lists). */
export function customerNamesOf(
  deps: AppDeps,
  items: readonly WriteOffItem[],
): Map<string, string> {
  return deps.store.read((tx) => {
    const names = new Map<string, string>();
    for (const item of items) {
      const customer = getCustomer(tx, item.customerId);
      if (customer !== null) names.set(customer.id, customer.name);
    }
    return names;
  });
}

export interface SubmitAutoRunInput {
  readonly input: AutoCriteriaInput;
  readonly comment: string;
  /** The hash of the preview the clerk saw. */
  readonly hash: string;
  readonly requester: string;
  readonly reasonCode?: string;
  readonly evidence?: string;
  /** The rejected or stale request this run resubmits (`WO-…`). */
  readonly revises?: string;
}

export type SubmitAutoRunError =
  | { readonly kind: 'preview_changed'; readonly fresh: AutoRunPreview }
  | { readonly kind: 'refused'; readonly error: AppError; readonly currency: string };

export function submitAutoRun(
  deps: AppDeps,
  run: SubmitAutoRunInput,
  /** The run previewed again (off-thread callers pass it in); computed here when absent. */
  previewed: Result<PreviewResult, AppError> = previewAutomaticRun(deps, run.input),
): Result<
  { readonly requestId: string; readonly totalMinor: number; readonly currency: string },
  SubmitAutoRunError
> {
  if (!previewed.ok) {
    return err({ kind: 'refused', error: previewed.error, currency: ledgerCurrency(deps) });
  }
  const { preview, snapshot, criteria } = previewed.value;
  if (previewHash(preview) !== run.hash) {
    return err({ kind: 'preview_changed', fresh: describeRun(deps, preview) });
  }
  const submitted = submitRequest(deps, {
    preview,
    snapshot,
    requester: run.requester,
    ...(criteria && { account: criteria.account }),
    comment: run.comment,
    criteria: run.input,
    ...(run.reasonCode !== undefined && { reasonCode: run.reasonCode }),
    ...(run.evidence !== undefined && { evidence: run.evidence }),
    ...(run.revises !== undefined && { revises: run.revises }),
  });
  if (!submitted.ok) {
    return err({ kind: 'refused', error: submitted.error, currency: preview.currency });
  }
  return ok({
    requestId: submitted.value.requestId,
    totalMinor: preview.totalMinor,
    currency: preview.currency,
  });
}

function ledgerCurrency(deps: AppDeps): string {
  return deps.store.read((tx) => getSetting(tx, 'currency') ?? 'USD');
}
