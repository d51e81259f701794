// zod at the approval flow's boundaries: the clicked button (who, which request, where), the
// reason modals' private_metadata, and their state values. Everything past here is typed.
import { z } from 'zod';
import { ids } from '../ids.ts';

/** Request ids are short opaque tokens (`WO-000042`); anything else is refused before the DB. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Where the click happened: a channel message (with its thread) or the App Home tab. */
export type ClickSurface =
  | {
      readonly kind: 'message';
      readonly channel: string;
      readonly ts: string;
      /** The thread root when the clicked message is a reply. */
      readonly threadTs?: string;
    }
  | { readonly kind: 'home' }
  | { readonly kind: 'other' };

export interface DecisionClick {
  readonly requestId: string;
  readonly userId: string;
  readonly triggerId: string | undefined;
  readonly surface: ClickSurface;
}

const clickSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().optional(),
  actions: z.array(z.object({ value: requestIdSchema })).min(1),
  container: z
    .object({
      type: z.string(),
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  message: z.object({ thread_ts: z.string().optional() }).optional(),
  view: z.object({ type: z.string() }).optional(),
});

/** Parses a block_actions body for one of the decision buttons; throws on a forged shape. */
export function parseDecisionClick(body: unknown): DecisionClick {
  const b = clickSchema.parse(body);
  const [action] = b.actions;
  return {
    requestId: action?.value ?? '',
    userId: b.user.id,
    triggerId: b.trigger_id,
    surface: surfaceOf(b),
  };
}

function surfaceOf(b: z.infer<typeof clickSchema>): ClickSurface {
  const c = b.container;
  if (c?.type === 'message' && c.channel_id !== undefined && c.message_ts !== undefined) {
    const threadTs = c.thread_ts ?? b.message?.thread_ts;
    return {
      kind: 'message',
      channel: c.channel_id,
      ts: c.message_ts,
      ...(threadTs === undefined ? {} : { threadTs }),
    };
  }
  if (c?.type === 'view' && b.view?.type === 'home') return { kind: 'home' };
  return { kind: 'other' };
}

/** Kept small (≤ 3000 chars): the request id and where the click came from. */
export const reasonMetadataSchema = z.object({
  v: z.literal(1),
  requestId: requestIdSchema,
  channel: z.string().optional(),
  ts: z.string().optional(),
  threadTs: z.string().optional(),
  fromHome: z.boolean().optional(),
});
export type ReasonMetadata = z.infer<typeof reasonMetadataSchema>;

export function reasonMetadata(click: DecisionClick): string {
  const s = click.surface;
  const metadata: ReasonMetadata =
    s.kind === 'message'
      ? {
          v: 1,
          requestId: click.requestId,
          channel: s.channel,
          ts: s.ts,
          ...(s.threadTs === undefined ? {} : { threadTs: s.threadTs }),
        }
      : { v: 1, requestId: click.requestId, fromHome: s.kind === 'home' };
  return JSON.stringify(metadata);
}

const reasonSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.object({
        [ids.approval.reasonBlock]: z.object({
          [ids.approval.reasonInput]: z.object({ value: z.string().nullish() }),
        }),
      }),
    }),
  }),
});

export interface ReasonSubmission {
  readonly userId: string;
  readonly metadata: ReasonMetadata;
  /** Trimmed; empty when the field was left blank or only spaces. */
  readonly reason: string;
}

/** Parses the reject / reverse modal submission; throws on a forged shape. */
export function parseReasonSubmission(body: unknown): ReasonSubmission {
  const b = reasonSubmissionSchema.parse(body);
  const metadata = reasonMetadataSchema.parse(JSON.parse(b.view.private_metadata));
  const value = b.view.state.values[ids.approval.reasonBlock][ids.approval.reasonInput].value;
  return { userId: b.user.id, metadata, reason: (value ?? '').trim() };
}
