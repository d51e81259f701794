// zod for the manual write-off modal's `view.state.values`: each step's inputs become a plain
// input object for the draft use-cases. Inputs are optional in the views (our own messages
// beat Slack's generic "required"), so every value may be missing here.
import { z } from 'zod';
import type { FormInput } from '../../app/drafts.ts';
import type { RowValues, StepValues } from '../../app/manual-modal.ts';
import { manualIds as ids, parseInvoiceRowBlockId } from '../ids.ts';

const option = z.object({ value: z.string() });
const stateValue = z.object({
  type: z.string().optional(),
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: option.nullish(),
  selected_options: z.array(option).nullish(),
});
type StateValue = z.infer<typeof stateValue>;

/** `view.state.values`: block id → action id → value. */
export const viewStateSchema = z.record(z.string(), z.record(z.string(), stateValue));
export type ViewState = z.infer<typeof viewStateSchema>;

export function parseViewState(values: unknown): ViewState {
  const parsed = viewStateSchema.safeParse(values ?? {});
  return parsed.success ? parsed.data : {};
}

const pick = (state: ViewState, blockId: string, actionId: string): StateValue | undefined =>
  state[blockId]?.[actionId];

const nonEmpty = (text: string | null | undefined): string | null =>
  text === undefined || text === null || text.trim() === '' ? null : text;

export function parseFormState(values: unknown): FormInput {
  const state = parseViewState(values);
  const method = pick(state, ids.methodBlock, ids.methodAction)?.selected_option?.value;
  const mode = pick(state, ids.modeBlock, ids.modeAction)?.selected_option?.value;
  return {
    customerId: nonEmpty(
      pick(state, ids.customerBlock, ids.customerAction)?.selected_option?.value,
    ),
    period: nonEmpty(pick(state, ids.periodBlock, ids.periodAction)?.selected_option?.value),
    date: nonEmpty(pick(state, ids.dateBlock, ids.dateAction)?.selected_date),
    method: method === 'line-item' ? 'line-item' : 'entry',
    mode: mode === 'automatic' ? 'automatic' : 'invoices',
  };
}

/**
 * The invoice step's inputs. Rows are found by their block ids, each with the draft revision it
 * was rendered at: the use-case keeps only the rows of the draft's current revision.
 */
export function parseInvoiceStepValues(values: unknown): StepValues {
  const state = parseViewState(values);
  const rows = new Map<string, { -readonly [K in keyof RowValues]: RowValues[K] }>();
  const rowOf = (invoice: string, rev: number) => {
    const key = `${rev}:${invoice}`;
    const found = rows.get(key);
    if (found !== undefined) return found;
    const fresh = { invoice, rev, selected: false, amount: null, account: null, comment: null };
    rows.set(key, fresh);
    return fresh;
  };
  for (const [blockId, actions] of Object.entries(state)) {
    const row = parseInvoiceRowBlockId(blockId);
    if (row === null) continue;
    const target = rowOf(row.invoice, row.rev);
    const value = Object.values(actions)[0];
    if (row.field === 'select') target.selected = (value?.selected_options ?? []).length > 0;
    if (row.field === 'amount') target.amount = nonEmpty(value?.value);
    if (row.field === 'account') target.account = nonEmpty(value?.selected_option?.value);
    if (row.field === 'comment') target.comment = nonEmpty(value?.value);
  }
  return {
    account: nonEmpty(pick(state, ids.accountBlock, ids.accountAction)?.selected_option?.value),
    comment: nonEmpty(pick(state, ids.commentBlock, ids.commentAction)?.value),
    rows: [...rows.values()],
  };
}

/** The select-all box sent as a block action: ticked or not. */
export function parseSelectAllAction(action: unknown): boolean {
  const parsed = z.object({ selected_options: z.array(option).nullish() }).safeParse(action);
  return parsed.success && (parsed.data.selected_options ?? []).length > 0;
}

const pageValue = z.string().regex(/^\d{1,5}$/);

/** A paging button's value or the "Go to page" choice: the 0-based page to show. */
export function parsePageAction(action: unknown): number | null {
  const parsed = z
    .union([
      z.object({ value: pageValue }),
      z.object({ selected_option: z.object({ value: pageValue }) }),
    ])
    .safeParse(action);
  if (!parsed.success) return null;
  return Number('value' in parsed.data ? parsed.data.value : parsed.data.selected_option.value);
}
