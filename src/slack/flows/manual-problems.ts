// Where the problems of a manual draft are shown (ADR 042), from what the invoice step's
// use-case placed (app/manual-modal-steps.ts): problems on the page the clerk is looking at go
// next to their inputs (`response_action: errors`); request-level problems go on the account /
// comment inputs; problems on other pages are listed, with their page, under the account.

import type { DraftProblem } from '../../app/drafts-preview.ts';
import type { ProblemsOnPage } from '../../app/manual-modal-steps.ts';
import { truncate } from '../blocks.ts';
import { manualIds as ids, invoiceRowBlockId } from '../ids.ts';

/** Slack shows an error under its input; keep each one readable. */
const ERROR_TEXT_MAX = 1500;
const OTHER_PAGES_LISTED = 5;

export function problemErrors(placed: ProblemsOnPage): {
  readonly response_action: 'errors';
  readonly errors: Record<string, string>;
} {
  const errors = new Map<string, string[]>();
  const add = (blockId: string, message: string) =>
    errors.set(blockId, [...(errors.get(blockId) ?? []), message]);
  for (const p of placed.onPage) {
    if (p.invoice === null) {
      add(p.field === 'comment' ? ids.commentBlock : ids.accountBlock, p.message);
    } else {
      add(invoiceRowBlockId(placed.rev, rowField(p, placed.method), p.invoice), p.message);
    }
  }
  if (placed.elsewhere.length > 0) {
    const listed = placed.elsewhere
      .slice(0, OTHER_PAGES_LISTED)
      .map((n) => `${n.message} (page ${(n.page ?? 0) + 1})`);
    const more = placed.elsewhere.length - listed.length;
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
