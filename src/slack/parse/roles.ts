// zod for the roles modal's state values.
import { z } from 'zod';
import { ids } from '../ids.ts';

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });

const rolesSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    state: z.object({
      values: z.object({
        [ids.roles.userBlock]: z.object({
          [ids.roles.userInput]: z.object({ selected_user: z.string().nullish() }),
        }),
        [ids.roles.changeBlock]: z.object({ [ids.roles.changeInput]: selected }),
        [ids.roles.roleBlock]: z.object({ [ids.roles.roleInput]: selected }),
        [ids.roles.limitBlock]: z
          .object({ [ids.roles.limitInput]: z.object({ value: z.string().nullish() }) })
          .optional(),
      }),
    }),
  }),
});

export interface RolesSubmission {
  readonly by: string;
  readonly userId: string;
  readonly change: 'grant' | 'revoke' | string;
  readonly role: string;
  /** Trimmed; empty when left blank. */
  readonly limit: string;
}

/** undefined when the body is not a roles form Slack could have sent (a forged shape). */
export function parseRolesSubmission(body: unknown): RolesSubmission | undefined {
  const parsed = rolesSubmissionSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const v = parsed.data.view.state.values;
  return {
    by: parsed.data.user.id,
    userId: v[ids.roles.userBlock][ids.roles.userInput].selected_user ?? '',
    change: v[ids.roles.changeBlock][ids.roles.changeInput].selected_option?.value ?? '',
    role: v[ids.roles.roleBlock][ids.roles.roleInput].selected_option?.value ?? '',
    limit: (v[ids.roles.limitBlock]?.[ids.roles.limitInput].value ?? '').trim(),
  };
}
