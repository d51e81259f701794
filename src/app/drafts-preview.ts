// The preview and submit steps of a manual draft: run the engine on the draft, turn its
// errors into problems a form can place next to the right input (ADR 042), flag write-offs
// that look like voids (ADR 043), and submit exactly what was previewed.
import { openBalance } from '../domain/allocation.ts';
import { previewGrossMinor } from '../domain/approval-limit.ts';
import type { WriteOffError } from '../domain/errors.ts';
import { describeError } from '../domain/errors.ts';
import type { ReasonCode } from '../domain/policy.ts';
import type { AppError } from '../domain/request-errors.ts';
import { describeAppErrors } from '../domain/request-errors.ts';
import type { Preview, Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import type { StoredDraft } from './drafts.ts';
import { type CustomerLedger, loadCustomerLedger, manualRequestOf } from './drafts-invoices.ts';
import { reasonsInForce } from './policy.ts';
import { previewManualRequest } from './preview-write-off.ts';
import type { ItemSnapshot } from './snapshot.ts';
import { previewHash, snapshotFromJson } from './snapshot.ts';
import { type Submitted, submitRequest } from './submit-request.ts';

/** Where a problem belongs: an invoice row's input, a request-level input, or the form. */
export type ProblemField = 'select' | 'amount' | 'account' | 'comment' | 'general';

export interface DraftProblem {
  /** Null for request-level problems. */
  readonly invoice: string | null;
  readonly field: ProblemField;
  readonly message: string;
}

export interface VoidHint {
  readonly invoice: string;
  readonly reason: 'recent_full_balance' | 'comment_says_error';
}

export interface DraftPreview {
  readonly ledger: CustomerLedger;
  readonly preview: Preview;
  readonly snapshot: ItemSnapshot;
  readonly previewHash: string;
  readonly voidHints: readonly VoidHint[];
  /** The policy's reason codes, for the reason select (docs/policy.md). */
  readonly reasons: readonly ReasonCode[];
  /** What evidence thresholds and approver limits are compared with (ADR 100). */
  readonly grossMinor: number;
}

/** An invoice written off at its full balance this many days after its date looks like a void. */
export const VOID_HINT_RECENT_DAYS = 30;
const ERROR_WORDS = /\b(wrong\w*|duplicat\w*|error\w*|erroneous\w*|mistake\w*|mis-?billed)\b/i;

export function previewDraft(
  deps: AppDeps,
  stored: StoredDraft,
): Result<DraftPreview, DraftProblem[]> {
  return deps.store.read((tx) => {
    const { draft } = stored;
    const ledger = loadCustomerLedger(deps, draft);
    if (ledger === null) {
      return err([{ invoice: null, field: 'general', message: 'The customer no longer exists.' }]);
    }
    const problems: DraftProblem[] = [];
    if (draft.method === 'entry' && (draft.comment ?? '').trim() === '') {
      problems.push({
        invoice: null,
        field: 'comment',
        message:
          'comment: give the reason for this write-off; the approver and the auditors read it.',
      });
    }
    const result = previewManualRequest(deps, manualRequestOf(ledger, draft));
    if (!result.ok) problems.push(...problemsOf(result.error, ledger.currency));
    if (problems.length > 0 || !result.ok) return err(problems);
    const { preview, snapshot } = result.value;
    return ok({
      ledger,
      preview,
      snapshot,
      previewHash: previewHash(preview),
      voidHints: voidHints(ledger, stored, preview),
      reasons: reasonsInForce(tx, ledger.currency),
      grossMinor: previewGrossMinor(preview.items),
    });
  });
}

function problemsOf(error: AppError, currency: string): DraftProblem[] {
  if (error.kind !== 'validation') {
    return describeAppErrors(error, currency).map((message) => ({
      invoice: null,
      field: 'general',
      message,
    }));
  }
  return error.errors.map((e) => ({
    invoice: 'invoice' in e && e.invoice !== undefined ? e.invoice : null,
    field: fieldOf(e),
    message: describeError(e, currency),
  }));
}

function fieldOf(e: WriteOffError): ProblemField {
  switch (e.kind) {
    case 'invalid_amount':
    case 'amount_zero':
    case 'amount_sign':
    case 'amount_exceeds_open':
      return 'amount';
    case 'missing_account':
    case 'unknown_account':
    case 'not_a_write_off_account':
      return 'account';
    case 'missing_comment':
      return 'comment';
    case 'unknown_invoice':
    case 'invoice_not_open':
    case 'duplicate_invoice':
    case 'pending_elsewhere':
    case 'field_not_allowed':
      return 'select';
    default:
      return 'general';
  }
}

/** ADR 043: full balance of a recent invoice, or a comment that says the invoice was wrong. */
export function voidHints(
  ledger: CustomerLedger,
  stored: StoredDraft,
  preview: Preview,
): VoidHint[] {
  const { draft } = stored;
  const byNumber = new Map(ledger.engineInvoices.map((i) => [i.number, i]));
  const hints: VoidHint[] = [];
  for (const item of preview.items) {
    if (item.kind !== 'invoice') continue;
    const invoice = byNumber.get(item.invoice);
    if (invoice === undefined) continue;
    const comment =
      draft.method === 'entry'
        ? (draft.comment ?? '')
        : item.lines.map((l) => l.comment ?? '').join(' ');
    const ageDays = (Date.parse(draft.date ?? '') - Date.parse(invoice.date)) / 86_400_000;
    if (ERROR_WORDS.test(comment)) {
      hints.push({ invoice: item.invoice, reason: 'comment_says_error' });
    } else if (item.totalMinor === openBalance(invoice) && ageDays <= VOID_HINT_RECENT_DAYS) {
      hints.push({ invoice: item.invoice, reason: 'recent_full_balance' });
    }
  }
  return hints;
}

/** The reason code, evidence and revised request the draft carries, as submit takes them. */
function controlsOf(draft: StoredDraft['draft']) {
  return {
    ...(draft.reasonCode ? { reasonCode: draft.reasonCode } : {}),
    ...(draft.evidence ? { evidence: draft.evidence } : {}),
    ...(draft.revises === undefined ? {} : { revises: draft.revises }),
  };
}

export type SubmitDraftError =
  | { readonly kind: 'problems'; readonly problems: readonly DraftProblem[] }
  | { readonly kind: 'preview_changed'; readonly fresh: DraftPreview }
  | {
      readonly kind: 'refused';
      readonly error: AppError;
      readonly currency: string;
      /** The preview at today's balances, to show again with the reason. */
      readonly fresh: DraftPreview;
    };

/**
 * Submits the draft if it still gives exactly the preview the clerk saw (same hash); the
 * snapshot taken at preview time lets submitRequest refuse balances that moved since.
 */
export function submitDraft(
  deps: AppDeps,
  stored: StoredDraft,
): Result<Submitted, SubmitDraftError> {
  const { draft } = stored;
  const fresh = previewDraft(deps, stored);
  if (!fresh.ok) return err({ kind: 'problems', problems: fresh.error });
  if (draft.snapshot === null || fresh.value.previewHash !== draft.previewHash) {
    return err({ kind: 'preview_changed', fresh: fresh.value });
  }
  const isEntry = draft.method === 'entry';
  const submitted = submitRequest(deps, {
    preview: fresh.value.preview,
    snapshot: snapshotFromJson(draft.snapshot),
    requester: draft.userId,
    method: draft.method,
    ...(isEntry ? { account: draft.account ?? fresh.value.ledger.defaultAccount } : {}),
    ...(isEntry && draft.comment !== null ? { comment: draft.comment } : {}),
    ...controlsOf(draft),
  });
  if (!submitted.ok) {
    const { currency } = fresh.value.ledger;
    return err({ kind: 'refused', error: submitted.error, currency, fresh: fresh.value });
  }
  return submitted;
}
