// Helpers for scripts/walkthrough.ts: a Slack-client stand-in that drives modals the way a person
// would (keeps the view on screen, fills `state.values` from what is shown plus what is "typed"),
// and a transcript printer that says in plain words what each person sees in Slack.
import type { FakeSlackApi, RecordedCall } from '../src/sandbox/fake-slack-api.ts';
import {
  postSigned,
  type SignedResponse,
  type SlackRequest,
} from '../test/support/slack-request.ts';
import { stateOf } from '../test/support/slack-state.ts';

type Json = Record<string, unknown>;

export const TEAM_ID = 'T0FAKE001';

/**
 * Sends one signed request to the running process. A failure names the request (its type,
 * command, action or callback id) and why it failed (HTTP status and body, or the network
 * error's cause), so a broken step reads as what went wrong, not a bare "fetch failed".
 */
export async function sendTo(url: string, secret: string, request: SlackRequest) {
  let response: SignedResponse;
  try {
    response = await postSigned(url, request, { secret });
  } catch (error) {
    throw new Error(`${describeRequest(request)} to ${url} failed: ${networkReason(error)}`);
  }
  if (response.status !== 200) {
    const body = response.text.trim() === '' ? '' : `: ${response.text.slice(0, 300)}`;
    throw new Error(`${describeRequest(request)}: the app answered HTTP ${response.status}${body}`);
  }
  return response;
}

/** `block_actions writeoff_approve by U0CLERK`, `/writeoff by U0CLERK`, `event app_home_opened`. */
export function describeRequest(request: SlackRequest): string {
  const p = request.payload;
  const id = (value: unknown) => (value as { id?: unknown } | undefined)?.id;
  const user = p.user_id ?? id(p.user);
  const by = typeof user === 'string' ? ` by ${user}` : '';
  if (typeof p.command === 'string') return `slash command ${p.command}${by}`;
  const event = p.event as { type?: unknown } | undefined;
  if (event !== undefined) return `event ${String(event.type)}`;
  const actions = Array.isArray(p.actions) ? (p.actions as { action_id?: unknown }[]) : [];
  const view = p.view as { callback_id?: unknown } | undefined;
  const what = actions[0]?.action_id ?? view?.callback_id ?? p.action_id ?? '';
  return `${String(p.type ?? 'request')} ${String(what)}${by}`.replace(/\s+/g, ' ');
}

function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = cause?.code ?? cause?.message;
  return detail === undefined ? error.message : `${error.message} (${String(detail)})`;
}

export interface Modal {
  readonly view: () => Json;
  readonly callbackId: () => string;
  readonly text: () => string;
  set(blockId: string, actionId: string, value: Json): void;
  /** Sets a row input whose block id is `wo_row|<rev>|<field>|<invoice>`. */
  setRow(field: string, invoice: string, value: Json): void;
  submit(): Promise<Json | undefined>;
  act(actionId: string, action: Json): Promise<SignedResponse>;
}

export function driveModal(
  fake: FakeSlackApi,
  send: (request: SlackRequest) => Promise<SignedResponse>,
  userId: string,
  first: Json,
  viewId: string,
): Modal {
  let current = first;
  let typed: Record<string, Record<string, Json>> = {};
  const show = (view: Json) => {
    current = view;
    typed = {};
  };
  const interactive = (payload: Json): SlackRequest => ({
    body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    contentType: 'application/x-www-form-urlencoded',
    payload,
  });
  const viewPayload = (): Json => ({
    ...current,
    id: viewId,
    root_view_id: viewId,
    team_id: TEAM_ID,
    hash: `hash-${Date.now()}`,
    state: { values: stateOf(current, typed) },
  });
  const user = { id: userId, username: userId, name: userId, team_id: TEAM_ID };
  const modal: Modal = {
    view: () => current,
    callbackId: () => String(current.callback_id),
    text: () => JSON.stringify(current.blocks),
    set(blockId, actionId, value) {
      typed[blockId] = { ...typed[blockId], [actionId]: value };
    },
    setRow(field, invoice, value) {
      const block = blocksOf(current).find((b) =>
        new RegExp(`^wo_row\\|\\d+\\|${field}\\|${invoice}$`).test(String(b.block_id)),
      );
      if (block === undefined) throw new Error(`no ${field} input for invoice ${invoice}`);
      const element = (block.element ?? (block.elements as Json[] | undefined)?.[0]) as Json;
      modal.set(String(block.block_id), String(element.action_id), value);
    },
    async submit() {
      const payload = {
        type: 'view_submission',
        team: { id: TEAM_ID, domain: 'fake-workspace' },
        user,
        api_app_id: 'A111',
        token: 'verification_token',
        trigger_id: '111.222.submit',
        view: viewPayload(),
        response_urls: [],
        is_enterprise_install: false,
      };
      const response = await send(interactive(payload));
      const body = response.json as Json | undefined;
      if (body?.response_action === 'update') show(body.view as Json);
      return body;
    },
    async act(actionId, action) {
      const before = fake.calls('views.update').length;
      const payload = {
        type: 'block_actions',
        user,
        api_app_id: 'A111',
        token: 'verification_token',
        container: { type: 'view', view_id: viewId },
        trigger_id: '111.222.view',
        team: { id: TEAM_ID, domain: 'fake-workspace' },
        is_enterprise_install: false,
        view: viewPayload(),
        actions: [{ action_id: actionId, block_id: blockOf(current, actionId), ...action }],
      };
      const response = await send(interactive(payload));
      const updates = await fake.waitForCalls('views.update', before + 1);
      show(updates.at(-1)?.args.view as Json);
      return response;
    },
  };
  return modal;
}

function blocksOf(view: Json): Json[] {
  return (view.blocks as Json[] | undefined) ?? [];
}

function elementsOf(block: Json): Json[] {
  return [
    ...((block.elements as Json[] | undefined) ?? []),
    ...(block.accessory === undefined ? [] : [block.accessory as Json]),
    ...(block.element === undefined ? [] : [block.element as Json]),
  ];
}

function blockOf(view: Json, actionId: string): string {
  const block = blocksOf(view).find((b) => elementsOf(b).some((e) => e.action_id === actionId));
  if (block === undefined) throw new Error(`no element ${actionId} on screen`);
  return String(block.block_id ?? '');
}

export { chosen, ticked, typedText } from '../test/support/slack-state.ts';

// ---- transcript -------------------------------------------------------------------------------

const MAX_LINES_PER_CALL = 30;

/** The readable text of a block: sections, headers, contexts, fields, inputs' labels, buttons. */
function blockLines(block: Json): string[] {
  const text = (t: unknown) => (t as { text?: string } | undefined)?.text ?? '';
  switch (block.type) {
    case 'header':
      return [`# ${text(block.text)}`];
    case 'section': {
      const fields = ((block.fields as Json[] | undefined) ?? []).map(text);
      const accessory = block.accessory as Json | undefined;
      const extra = accessory?.type === 'button' ? ` [${text(accessory.text)}]` : '';
      return [`${text(block.text)}${extra}`, ...fields].filter((l) => l !== '');
    }
    case 'context':
      return [((block.elements as Json[]) ?? []).map(text).join(' ')];
    case 'input':
      return [`<${text(block.label)}>`];
    case 'actions':
      return [
        elementsOf(block)
          .map((e) => (e.type === 'button' ? `[${text(e.text)}]` : `(${String(e.type)})`))
          .join(' '),
      ];
    default:
      return [];
  }
}

function who(channel: string): string {
  if (/^[DUW]/.test(channel)) return `DM ${channel}`;
  return `#${channel}`;
}

/** One call as a person would see it. */
export function describeCall(call: RecordedCall): string[] {
  const a = call.args;
  const blocks = (a.blocks ?? (a.view as Json | undefined)?.blocks ?? []) as Json[];
  const body = blocks.flatMap(blockLines).flatMap((l) => l.split('\n'));
  const shown = body.length > 0 ? body : [String(a.text ?? '')];
  const clipped =
    shown.length > MAX_LINES_PER_CALL
      ? [...shown.slice(0, MAX_LINES_PER_CALL), `… (${shown.length - MAX_LINES_PER_CALL} more)`]
      : shown;
  const head = headOf(call);
  return [head, ...clipped.map((l) => `      ${l}`)];
}

function headOf(call: RecordedCall): string {
  const a = call.args;
  const view = a.view as Json | undefined;
  const title = (view?.title as { text?: string } | undefined)?.text;
  switch (call.method) {
    case 'chat.postMessage':
      return `  ${who(String(a.channel))}${a.thread_ts === undefined ? '' : ' (in thread)'}: new message`;
    case 'chat.update':
      return `  #${String(a.channel)}: message ${String(a.ts)} updated`;
    case 'chat.postEphemeral':
      return `  #${String(a.channel)}: only ${String(a.user)} sees`;
    case 'views.open':
    case 'views.update':
    case 'views.push':
      return `  modal "${title ?? '?'}" (${call.method})`;
    case 'views.publish':
      return `  Home tab of ${String(a.user_id)} refreshed`;
    default:
      return `  ${call.method}`;
  }
}

/** Calls worth showing a person (not auth.test, permalinks, users.info…). */
export const VISIBLE = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'views.open',
  'views.update',
  'views.push',
  'views.publish',
]);
