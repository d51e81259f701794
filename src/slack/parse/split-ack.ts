// zod for the split-detection tick (docs/write-off-rules.md#split-detection): whether the
// Approve click's message (or App Home view) state has "I have seen the related requests"
// ticked for this request. Anything unexpected reads as not ticked, never as ticked.
import { z } from 'zod';
import { ids } from '../ids.ts';

const checkboxState = z.object({
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const valuesSchema = z.record(z.string(), z.record(z.string(), z.unknown()));
const bodySchema = z.object({
  state: z.object({ values: valuesSchema }).optional(),
  view: z.object({ state: z.object({ values: valuesSchema }).optional() }).optional(),
});

export function relatedAcknowledged(body: unknown, requestId: string): boolean {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return false;
  const values = parsed.data.state?.values ?? parsed.data.view?.state?.values ?? {};
  const block = values[`${ids.split.ackBlockPrefix}:${requestId}`];
  const state = checkboxState.safeParse(block?.[ids.split.ackAction]);
  if (!state.success) return false;
  return (state.data.selected_options ?? []).some((o) => o.value === ids.split.ackValue);
}
