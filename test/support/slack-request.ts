// Builds and signs requests exactly as Slack sends them: slash commands as form bodies,
// interactivity as `payload=<url-encoded JSON>`, events as JSON, each signed by
// src/sandbox/slack-signing.ts with the real clock (Bolt rejects timestamps more than five
// minutes old, so fake timers must not leak in here).
// Builders start from the captured payloads in test/fixtures/slack/ and override only ids/values.
import { readFileSync } from 'node:fs';
import {
  interactiveRequest,
  type PostSignedOptions,
  postSigned as postSignedWith,
  type SignatureHeaders,
  type SignedResponse,
  type SignOptions,
  type SlackRequest,
  signatureHeaders as signHeaders,
} from '../../src/sandbox/slack-signing.ts';
import { SLASH_COMMAND } from '../../src/slack/ids.ts';

export type { SignatureHeaders, SignedResponse, SlackRequest };

export const TEST_SIGNING_SECRET = '5f0e3d6c2b1a49887766554433221100';
export const TEST_BOT_TOKEN = 'xoxb-0000000000-test-token';
export const TEST_TEAM_ID = 'T0FAKE001';
export const TEST_USER_ID = 'U0CLERK01';
export const TEST_CHANNEL_ID = 'C0GENERAL';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  const url = new URL(`../fixtures/slack/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Json;
}

const interactive = (payload: Json): SlackRequest => interactiveRequest(payload);

let uniqueCounter = 0;
/**
 * Slack never sends two identical payloads: each carries a fresh `trigger_id` (and `action_ts`).
 * The builders do the same, so two clicks in one second are not refused as a replay.
 */
export function uniqueTriggerId(): string {
  return `${++uniqueCounter}.222.valid`;
}
const uniqueActionTs = () => `1678252216.${String(++uniqueCounter).padStart(6, '0')}`;

export interface SlashCommandInput {
  readonly text?: string;
  readonly command?: string;
  readonly userId?: string;
  readonly userName?: string;
  readonly channelId?: string;
  readonly teamId?: string;
  readonly responseUrl?: string;
  readonly triggerId?: string;
}

/** A slash command form body (bolt-python's captured body plus `api_app_id`, which Bolt reads). */
export function slashCommand(input: SlashCommandInput = {}): SlackRequest {
  const url = new URL('../fixtures/slack/slash-command.form.txt', import.meta.url);
  const form = new URLSearchParams(readFileSync(url, 'utf8').trim());
  form.set('command', input.command ?? SLASH_COMMAND);
  form.set('text', input.text ?? '');
  form.set('user_id', input.userId ?? TEST_USER_ID);
  form.set('user_name', input.userName ?? 'ar-clerk');
  form.set('channel_id', input.channelId ?? TEST_CHANNEL_ID);
  form.set('team_id', input.teamId ?? TEST_TEAM_ID);
  form.set('trigger_id', input.triggerId ?? uniqueTriggerId());
  if (input.responseUrl !== undefined) form.set('response_url', input.responseUrl);
  form.set('api_app_id', 'A111');
  form.set('is_enterprise_install', 'false');
  return { body: form.toString(), contentType: FORM, payload: Object.fromEntries(form) };
}

export interface BlockActionInput {
  readonly actionId: string;
  readonly blockId?: string;
  readonly value?: string;
  readonly userId?: string;
  readonly channelId?: string;
  readonly messageTs?: string;
  /** Set when the clicked message is a thread reply. */
  readonly threadTs?: string;
  readonly responseUrl?: string;
  readonly triggerId?: string;
  /** The message's `state.values` (a ticked checkbox); empty by default. */
  readonly stateValues?: Json;
}

/** A button click in a channel message (captured payload with `message` and `response_url`). */
export function blockAction(input: BlockActionInput): SlackRequest {
  const p = fixture('block-actions.json');
  const channelId = input.channelId ?? TEST_CHANNEL_ID;
  const messageTs = input.messageTs ?? '1678252213.679169';
  const message = p.message as Json;
  p.user = { id: input.userId ?? TEST_USER_ID };
  p.team = { id: TEST_TEAM_ID };
  p.channel = { id: channelId };
  p.container = { ...(p.container as Json), channel_id: channelId, message_ts: messageTs };
  p.message = {
    ...message,
    ts: messageTs,
    ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
  };
  p.trigger_id = input.triggerId ?? uniqueTriggerId();
  if (input.responseUrl !== undefined) p.response_url = input.responseUrl;
  if (input.stateValues !== undefined) p.state = { values: input.stateValues };
  const [action] = p.actions as Json[];
  p.actions = [
    {
      ...action,
      action_id: input.actionId,
      action_ts: uniqueActionTs(),
      block_id: input.blockId ?? 'b',
      value: input.value ?? '',
    },
  ];
  return interactive(p);
}

export interface ViewInput {
  readonly callbackId: string;
  readonly privateMetadata?: string;
  readonly userId?: string;
  readonly viewId?: string;
  readonly hash?: string;
  readonly blocks?: readonly unknown[];
}

export interface ViewSubmissionInput extends ViewInput {
  /** `view.state.values`: `{ [blockId]: { [actionId]: { type, value | selected_option … } } }`. */
  readonly values?: Json;
}

function viewPayload(type: string, input: ViewInput, values: Json = {}): Json {
  const p = fixture('view-submission.json');
  const view = p.view as Json;
  p.type = type;
  p.trigger_id = uniqueTriggerId();
  p.user = { ...(p.user as Json), id: input.userId ?? TEST_USER_ID, team_id: TEST_TEAM_ID };
  p.team = { ...(p.team as Json), id: TEST_TEAM_ID };
  p.view = {
    ...view,
    id: input.viewId ?? view.id,
    root_view_id: input.viewId ?? view.root_view_id,
    team_id: TEST_TEAM_ID,
    app_installed_team_id: TEST_TEAM_ID,
    callback_id: input.callbackId,
    private_metadata: input.privateMetadata ?? '',
    hash: input.hash ?? view.hash,
    state: { values },
    ...(input.blocks === undefined ? {} : { blocks: input.blocks }),
  };
  return p;
}

export function viewSubmission(input: ViewSubmissionInput): SlackRequest {
  return interactive(viewPayload('view_submission', input, input.values));
}

/** Sent when a modal with `notify_on_close: true` is closed. */
export function viewClosed(input: ViewInput & { readonly isCleared?: boolean }): SlackRequest {
  const p = viewPayload('view_closed', input);
  delete p.trigger_id;
  delete p.response_urls;
  p.is_cleared = input.isCleared ?? false;
  return interactive(p);
}

export interface BlockSuggestionInput {
  readonly actionId: string;
  readonly blockId: string;
  /** What the user typed. */
  readonly value: string;
  readonly callbackId?: string;
  readonly privateMetadata?: string;
  readonly userId?: string;
}

export function blockSuggestion(input: BlockSuggestionInput): SlackRequest {
  const p = fixture('block-suggestion.json');
  p.action_id = input.actionId;
  p.block_id = input.blockId;
  p.value = input.value;
  p.user = { ...(p.user as Json), id: input.userId ?? TEST_USER_ID, team_id: TEST_TEAM_ID };
  p.team = { ...(p.team as Json), id: TEST_TEAM_ID };
  p.view = {
    ...(p.view as Json),
    callback_id: input.callbackId ?? 'view-id',
    private_metadata: input.privateMetadata ?? '',
  };
  return interactive(p);
}

let eventCounter = 0;

/** An Events API envelope around `event`; `event_id` is unique per call unless given. */
export function eventCallback(
  event: Json,
  options: { readonly eventId?: string } = {},
): SlackRequest {
  const payload: Json = {
    token: 'verification_token',
    team_id: TEST_TEAM_ID,
    api_app_id: 'A111',
    event,
    type: 'event_callback',
    authed_users: [],
    event_id: options.eventId ?? `Ev0TEST${String(++eventCounter).padStart(4, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
  };
  return { body: JSON.stringify(payload), contentType: JSON_TYPE, payload };
}

export function appHomeOpened(input: { readonly userId?: string; readonly tab?: string } = {}) {
  const event = fixture('app-home-opened.event.json');
  const userId = input.userId ?? TEST_USER_ID;
  event.user = userId;
  event.channel = `D${userId.slice(1)}`;
  event.tab = input.tab ?? 'home';
  return eventCallback(event);
}

type TestSignOptions = Omit<SignOptions, 'secret'> & { readonly secret?: string };

/** Signature headers with the test signing secret unless another is given. */
export function signatureHeaders(rawBody: string, options: TestSignOptions = {}): SignatureHeaders {
  return signHeaders(rawBody, { ...options, secret: options.secret ?? TEST_SIGNING_SECRET });
}

/**
 * Delivery `n` of the same request as Slack sends it: the first plain, each later one a retry
 * after a timeout (`x-slack-retry-num`), the way duplicate deliveries arrive.
 */
export function slackDelivery(n: number): { readonly headers?: Record<string, string> } {
  if (n === 0) return {};
  return { headers: { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' } };
}

/** POSTs a request (or a raw form body) to `url`, signed like Slack with the test secret. */
export function postSigned(
  url: string,
  request: SlackRequest | string,
  options: Omit<PostSignedOptions, 'secret'> & { readonly secret?: string } = {},
): Promise<SignedResponse> {
  return postSignedWith(url, request, {
    ...options,
    secret: options.secret ?? TEST_SIGNING_SECRET,
  });
}
