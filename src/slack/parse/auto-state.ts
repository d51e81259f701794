// zod for the automatic-criteria step's `view.state.values` and the preview step's metadata.
import { z } from 'zod';
import type { AutoFormInput } from '../../app/auto-form.ts';
import { autoRunInputSchema } from '../../domain/auto-run-input.ts';
import type { AutoCriteriaInput } from '../../domain/automatic.ts';
import { autoIds as ids } from '../ids.ts';
import { parseViewState, type ViewState } from './manual-state.ts';
import { parseReasonState } from './reason-state.ts';

const nonEmpty = (text: string | null | undefined): string | null =>
  text === undefined || text === null || text.trim() === '' ? null : text;

export function parseAutoState(values: unknown): AutoFormInput {
  const state: ViewState = parseViewState(values);
  const at = (block: string, action: string) => state[block]?.[action];
  const selected = (block: string, action: string) =>
    nonEmpty(at(block, action)?.selected_option?.value);
  const text = (block: string, action: string) => nonEmpty(at(block, action)?.value);
  const date = (block: string, action: string) => nonEmpty(at(block, action)?.selected_date);
  return {
    type: selected(ids.typeBlock, ids.typeAction),
    value: text(ids.valueBlock, ids.valueAction),
    fcOptions: (at(ids.fcBlock, ids.fcAction)?.selected_options ?? []).map((o) => o.value),
    olderThan: text(ids.olderThanBlock, ids.olderThanAction),
    startDate: date(ids.startBlock, ids.startAction),
    customerFrom: selected(ids.customerFromBlock, ids.customerFromAction),
    customerTo: selected(ids.customerToBlock, ids.customerToAction),
    invoiceFrom: selected(ids.invoiceFromBlock, ids.invoiceFromAction),
    invoiceTo: selected(ids.invoiceToBlock, ids.invoiceToAction),
    period: selected(ids.periodBlock, ids.periodAction),
    date: date(ids.dateBlock, ids.dateAction),
    account: selected(ids.accountBlock, ids.accountAction),
    comment: text(ids.commentBlock, ids.commentAction),
    reasonCode: parseReasonState(values).reasonCode ?? null,
    evidence: parseReasonState(values).evidence ?? null,
  };
}

/** What the preview step carries to Submit: the criteria, the comment, the preview's hash and gross. */
export const autoRunMetadata = z.object({
  v: z.literal(1),
  draft: z.string().min(1).max(100),
  run: z.object({
    input: autoRunInputSchema,
    comment: z.string(),
    reasonCode: z.string().optional(),
    evidence: z.string().optional(),
    revises: z.string().optional(),
    hash: z.string(),
    /** The gross amount the preview showed, which the evidence threshold is compared with. */
    grossMinor: z.number().int().nonnegative(),
  }),
});
export interface AutoRunMetadata {
  readonly draft: string;
  readonly run: {
    readonly input: AutoCriteriaInput;
    readonly comment: string;
    readonly reasonCode?: string;
    readonly evidence?: string;
    readonly revises?: string;
    readonly hash: string;
    readonly grossMinor: number;
  };
}

export function parseAutoRunMetadata(text: string | undefined): AutoRunMetadata | null {
  if (text === undefined || text === '') return null;
  try {
    const parsed = autoRunMetadata.safeParse(JSON.parse(text));
    // Parsed from JSON, so optional keys are absent rather than undefined.
    return parsed.success ? (parsed.data as AutoRunMetadata) : null;
  } catch {
    return null;
  }
}
