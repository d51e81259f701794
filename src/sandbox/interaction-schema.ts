// What the sandbox page may ask the bot to do, as one zod schema (the page posts JSON), and what
// it is told back.
import { z } from 'zod';

const json = z.record(z.string(), z.unknown());
export const interactionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('say'), user: z.string(), channel: z.string(), text: z.string() }),
  z.object({
    kind: z.literal('action'),
    user: z.string(),
    /** A message click names its channel and ts (or ephemeral id); a view click its view id. */
    channel: z.string().optional(),
    ts: z.string().optional(),
    ephemeralId: z.string().optional(),
    viewId: z.string().optional(),
    blockId: z.string(),
    actionId: z.string(),
    /** The element's new state (`selected_option`, `selected_date`, …); empty for buttons. */
    chosen: json.default({}),
    /** The view's `state.values` as the page holds them. */
    values: json.default({}),
  }),
  z.object({ kind: z.literal('submit'), user: z.string(), viewId: z.string(), values: json }),
  z.object({ kind: z.literal('close'), user: z.string(), viewId: z.string(), values: json }),
  z.object({
    kind: z.literal('suggest'),
    user: z.string(),
    viewId: z.string(),
    blockId: z.string(),
    actionId: z.string(),
    value: z.string(),
    values: json.default({}),
  }),
  z.object({ kind: z.literal('home'), user: z.string() }),
  z.object({ kind: z.literal('dismiss'), user: z.string(), ephemeralId: z.string() }),
]);
export type Interaction = z.infer<typeof interactionSchema>;

export type InteractionResult =
  | { readonly ok: true; readonly options?: unknown; readonly warning?: string }
  | { readonly ok: false; readonly error: string };
