// The requests Slack sends for what a person does, in Slack's own shapes (slash command form
// bodies, interactivity payloads, Events API envelopes), built for the sandbox's people. Team and
// app ids are the fake Web API's, so `auth.test` and every payload agree.
import { FAKE_APP_ID, FAKE_BOT_ID, FAKE_BOT_USER_ID, FAKE_TEAM_ID } from './fake-slack-methods.ts';
import {
  FORM_CONTENT_TYPE,
  interactiveRequest,
  JSON_CONTENT_TYPE,
  type SlackRequest,
} from './slack-signing.ts';
import type { SandboxMessage } from './workspace.ts';

type Json = Record<string, unknown>;

export const SANDBOX_TEAM_DOMAIN = 'writeoff-sandbox';
// Slack's legacy verification token field; Bolt ignores it when signatures are checked.
const VERIFICATION_TOKEN = 'sandbox-verification-token';

export interface Actor {
  readonly id: string;
  readonly name: string;
}

const team = () => ({ id: FAKE_TEAM_ID, domain: SANDBOX_TEAM_DOMAIN });
const user = (actor: Actor) => ({
  id: actor.id,
  username: actor.name,
  name: actor.name,
  team_id: FAKE_TEAM_ID,
});
const actionTs = () => (Date.now() / 1000).toFixed(6);

export function slashCommandRequest(input: {
  readonly actor: Actor;
  readonly command: string;
  readonly text: string;
  readonly channel: { readonly id: string; readonly name: string };
  readonly responseUrl: string;
  readonly triggerId: string;
}): SlackRequest {
  const form = new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: FAKE_TEAM_ID,
    team_domain: SANDBOX_TEAM_DOMAIN,
    channel_id: input.channel.id,
    channel_name: input.channel.name,
    user_id: input.actor.id,
    user_name: input.actor.name,
    command: input.command,
    text: input.text,
    api_app_id: FAKE_APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  });
  return {
    body: form.toString(),
    contentType: FORM_CONTENT_TYPE,
    payload: Object.fromEntries(form),
  };
}

/** One element's action as Slack reports it (`actions[0]`). */
export function actionOf(element: Json, blockId: string, chosen: Json): Json {
  const base: Json = {
    type: element.type,
    action_id: element.action_id,
    block_id: blockId,
    action_ts: actionTs(),
  };
  if (element.type === 'button') {
    return {
      ...base,
      text: element.text,
      ...(element.value === undefined ? {} : { value: element.value }),
    };
  }
  return { ...base, ...chosen };
}

/** A click on a message (channel, thread or DM); ephemeral messages carry no `message`. */
export function messageActionRequest(input: {
  readonly actor: Actor;
  readonly channel: { readonly id: string; readonly name: string };
  readonly message: SandboxMessage | undefined;
  readonly ephemeralTs?: string;
  readonly action: Json;
  readonly responseUrl: string;
  readonly triggerId: string;
  /** The message's interactive state (a ticked checkbox), as Slack sends it with a click. */
  readonly values?: Json;
}): SlackRequest {
  const m = input.message;
  const ts = m?.ts ?? input.ephemeralTs ?? actionTs();
  const container: Json = {
    type: 'message',
    message_ts: ts,
    channel_id: input.channel.id,
    is_ephemeral: m === undefined,
    ...(m?.threadTs === undefined ? {} : { thread_ts: m.threadTs }),
  };
  return interactiveRequest({
    type: 'block_actions',
    user: user(input.actor),
    api_app_id: FAKE_APP_ID,
    token: VERIFICATION_TOKEN,
    container,
    trigger_id: input.triggerId,
    team: team(),
    enterprise: null,
    is_enterprise_install: false,
    channel: input.channel,
    ...(m === undefined ? {} : { message: messageJson(m) }),
    state: { values: input.values ?? {} },
    response_url: input.responseUrl,
    actions: [input.action],
  });
}

function messageJson(m: SandboxMessage): Json {
  return {
    type: 'message',
    user: m.user,
    ...(m.user === FAKE_BOT_USER_ID ? { bot_id: FAKE_BOT_ID, app_id: FAKE_APP_ID } : {}),
    text: m.text,
    blocks: m.blocks,
    ts: m.ts,
    team: FAKE_TEAM_ID,
    ...(m.threadTs === undefined ? {} : { thread_ts: m.threadTs }),
  };
}

/** The view as Slack sends it back: what the bot set, plus ids, hash and the person's input. */
export function viewJson(open: { view: Json; viewId: string; hash: string }, values: Json): Json {
  const { view, viewId, hash } = open;
  return {
    ...view,
    id: viewId,
    team_id: FAKE_TEAM_ID,
    app_id: FAKE_APP_ID,
    bot_id: FAKE_BOT_ID,
    root_view_id: viewId,
    previous_view_id: null,
    hash,
    private_metadata: view.private_metadata ?? '',
    callback_id: view.callback_id ?? '',
    external_id: view.external_id ?? '',
    state: { values },
  };
}

export function viewActionRequest(input: {
  readonly actor: Actor;
  readonly view: Json;
  readonly action: Json;
  readonly triggerId: string;
}): SlackRequest {
  return interactiveRequest({
    type: 'block_actions',
    user: user(input.actor),
    api_app_id: FAKE_APP_ID,
    token: VERIFICATION_TOKEN,
    container: { type: 'view', view_id: input.view.id },
    trigger_id: input.triggerId,
    team: team(),
    enterprise: null,
    is_enterprise_install: false,
    view: input.view,
    actions: [input.action],
  });
}

export function viewSubmissionRequest(input: {
  readonly actor: Actor;
  readonly view: Json;
  readonly triggerId: string;
}): SlackRequest {
  return interactiveRequest({
    type: 'view_submission',
    team: team(),
    user: user(input.actor),
    api_app_id: FAKE_APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId,
    view: input.view,
    response_urls: [],
    enterprise: null,
    is_enterprise_install: false,
  });
}

export function viewClosedRequest(input: { readonly actor: Actor; readonly view: Json }) {
  return interactiveRequest({
    type: 'view_closed',
    team: team(),
    user: user(input.actor),
    api_app_id: FAKE_APP_ID,
    token: VERIFICATION_TOKEN,
    view: input.view,
    is_cleared: false,
    enterprise: null,
    is_enterprise_install: false,
  });
}

export function blockSuggestionRequest(input: {
  readonly actor: Actor;
  readonly view: Json;
  readonly blockId: string;
  readonly actionId: string;
  readonly value: string;
}): SlackRequest {
  return interactiveRequest({
    type: 'block_suggestion',
    user: user(input.actor),
    container: { type: 'view', view_id: input.view.id },
    api_app_id: FAKE_APP_ID,
    token: VERIFICATION_TOKEN,
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    team: team(),
    enterprise: null,
    is_enterprise_install: false,
    view: input.view,
  });
}

let eventCounter = 0;

/** `app_home_opened` in an Events API envelope. */
export function appHomeOpenedRequest(input: {
  readonly actor: Actor;
  readonly channel: string;
  readonly view: Json | undefined;
}): SlackRequest {
  const now = Date.now();
  const payload: Json = {
    token: VERIFICATION_TOKEN,
    team_id: FAKE_TEAM_ID,
    api_app_id: FAKE_APP_ID,
    event: {
      type: 'app_home_opened',
      user: input.actor.id,
      channel: input.channel,
      tab: 'home',
      event_ts: (now / 1000).toFixed(6),
      ...(input.view === undefined ? {} : { view: input.view }),
    },
    type: 'event_callback',
    event_id: `Ev0SANDBOX${String(++eventCounter).padStart(5, '0')}`,
    event_time: Math.floor(now / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: FAKE_TEAM_ID,
        user_id: FAKE_BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
  return { body: JSON.stringify(payload), contentType: JSON_CONTENT_TYPE, payload };
}
