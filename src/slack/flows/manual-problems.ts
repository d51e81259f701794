// Where the problems of a manual draft are shown (ADR 042). Problems on the page the clerk is
// looking at go next to their inputs (`response_action: errors`); request-level problems go
// on the account / comment inputs; problems only on other pages make the modal jump to the
// first such page, with a summary on top and a hint under each affected row.
import type { StoredDraft } from '../../app/drafts.ts';
import { invoicePage, loadCustomerLedger, pageOfInvoice } from '../../app/drafts-invoices.ts';
import type { DraftProblem } from '../../app/drafts-preview.ts';
import { truncate } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { manualIds as ids, invoiceRowBlockId } from '../ids.ts';
import { type ModalView, manualMessageView } from '../views/manual-common.ts';
import { EXPIRED_TEXT, invoicesStepView, saveRevision } from './manual-steps.ts';

export type ProblemResponse =
  | { readonly response_action: 'errors'; readonly errors: Record<string, string> }
  | { readonly response_action: 'update'; readonly view: ModalView };

/** Slack shows an error under its input; keep each one readable. */
const ERROR_TEXT_MAX = 1500;
const OTHER_PAGES_LISTED = 5;

export function placeProblems(
  deps: SlackDeps,
  stored: StoredDraft,
  problems: readonly DraftProblem[],
): ProblemResponse {
  const { draft } = stored;
  const ledger = loadCustomerLedger(deps, draft);
  if (ledger === null) return { response_action: 'update', view: manualMessageView(EXPIRED_TEXT) };
  const onPage = new Set(
    invoicePage(ledger, draft)
      .rows.filter((r) => r.heldBy === null)
      .map((r) => r.number),
  );
  const errors = new Map<string, string[]>();
  const add = (blockId: string, message: string) =>
    errors.set(blockId, [...(errors.get(blockId) ?? []), message]);
  const elsewhere: DraftProblem[] = [];
  for (const p of problems) {
    if (p.invoice === null) {
      add(p.field === 'comment' ? ids.commentBlock : ids.accountBlock, p.message);
    } else if (onPage.has(p.invoice)) {
      add(invoiceRowBlockId(draft.rev, rowField(p, draft.method), p.invoice), p.message);
    } else {
      elsewhere.push(p);
    }
  }
  const pageLabel = (p: DraftProblem) =>
    `${p.message} (page ${(pageOfInvoice(ledger, draft, p.invoice ?? '') ?? 0) + 1})`;
  if (errors.size === 0) {
    // Every problem is on another page: jump to the first one and list them all on top.
    const first = elsewhere[0]?.invoice ?? '';
    const page = pageOfInvoice(ledger, draft, first) ?? draft.page;
    const saved = saveRevision(deps, stored, { ...draft, page, step: 'invoices' });
    return {
      response_action: 'update',
      view: invoicesStepView(deps, saved, problems, elsewhere.map(pageLabel)),
    };
  }
  if (elsewhere.length > 0) {
    const listed = elsewhere.slice(0, OTHER_PAGES_LISTED).map(pageLabel);
    const more = elsewhere.length - listed.length;
    add(
      ids.accountBlock,
      `Also on other pages: ${listed.join(' ')}${more > 0 ? ` …and ${more} more.` : ''}`,
    );
  }
  return {
    response_action: 'errors',
    errors: Object.fromEntries(
      [...errors].map(([blockId, messages]) => [
        blockId,
        truncate(messages.join(' '), ERROR_TEXT_MAX),
      ]),
    ),
  };
}

/** Entry rows have no account / comment inputs; their problems go on the tick box. */
function rowField(p: DraftProblem, method: 'entry' | 'line-item') {
  if (p.field === 'general') return 'select' as const;
  if (method === 'entry' && (p.field === 'account' || p.field === 'comment'))
    return 'select' as const;
  return p.field;
}

/** From the preview back to the invoices, showing the problems (e.g. a balance changed). */
export function invoicesWithProblems(
  deps: SlackDeps,
  stored: StoredDraft,
  problems: readonly DraftProblem[],
): ModalView {
  const ledger = loadCustomerLedger(deps, stored.draft);
  if (ledger === null) return manualMessageView(EXPIRED_TEXT);
  const first = problems.find((p) => p.invoice !== null)?.invoice ?? '';
  const page = pageOfInvoice(ledger, stored.draft, first) ?? stored.draft.page;
  const saved = saveRevision(deps, stored, { ...stored.draft, page, step: 'invoices' });
  return invoicesStepView(
    deps,
    saved,
    problems,
    problems.map((p) => p.message),
  );
}
