// zod for the delegation modal's state values.
import { z } from 'zod';
import { ids } from '../ids.ts';

const I = ids.delegate;
const user = z.object({ selected_user: z.string().nullish() });
const date = z.object({ selected_date: z.string().nullish() });

const schema = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    state: z.object({
      values: z.object({
        [I.approverBlock]: z.object({ [I.approverInput]: user }).optional(),
        [I.delegateBlock]: z.object({ [I.delegateInput]: user }).optional(),
        [I.fromBlock]: z.object({ [I.fromInput]: date }).optional(),
        [I.untilBlock]: z.object({ [I.untilInput]: date }).optional(),
      }),
    }),
  }),
});

export interface DelegateSubmission {
  readonly by: string;
  readonly approver: string;
  readonly delegate: string;
  readonly fromOn: string;
  readonly untilOn: string;
}

/** undefined when the body is not a delegation form Slack could have sent (a forged shape). */
export function parseDelegateSubmission(body: unknown): DelegateSubmission | undefined {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return undefined;
  const v = parsed.data.view.state.values;
  return {
    by: parsed.data.user.id,
    approver: v[I.approverBlock]?.[I.approverInput].selected_user ?? '',
    delegate: v[I.delegateBlock]?.[I.delegateInput].selected_user ?? '',
    fromOn: v[I.fromBlock]?.[I.fromInput].selected_date ?? '',
    untilOn: v[I.untilBlock]?.[I.untilInput].selected_date ?? '',
  };
}
