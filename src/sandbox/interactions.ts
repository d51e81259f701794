// What a person does on the sandbox page, played to the bot as Slack would: each action becomes
// a signed request to the bot's Bolt receiver, and the bot's answer (the HTTP ack, a post to a
// response_url) lands in the workspace the way Slack would show it.
import { SLASH_COMMAND } from '../slack/ids.ts';
import { asBody, blocksOf, findElement, httpProblem } from './bot-answers.ts';
import type { Interaction, InteractionResult } from './interaction-schema.ts';
import {
  type Actor,
  actionOf,
  appHomeOpenedRequest,
  blockSuggestionRequest,
  messageActionRequest,
  slashCommandRequest,
  viewActionRequest,
  viewClosedRequest,
  viewJson,
  viewSubmissionRequest,
} from './payloads.ts';
import { type ResponseContext, showResponse } from './response-display.ts';
import { postSigned, type SignedResponse, type SlackRequest } from './slack-signing.ts';
import type { Triggers } from './web-api.ts';
import { dmChannelOf, type Workspace } from './workspace.ts';

type Json = Record<string, unknown>;

/** Slack gives up on an app that has not answered within three seconds. */
export const SLACK_ACK_DEADLINE_MS = 3000;

export interface InteractionsDeps {
  readonly workspace: Workspace;
  readonly triggers: Triggers;
  /** A fresh response_url on the fake Web API, by id. */
  readonly responseUrl: (id: string) => string;
  readonly signingSecret: string;
  /** The bot's `/slack/events` URL; set once the bot listens. */
  readonly eventsUrl: () => string;
}

export class Interactions {
  private readonly contexts = new Map<string, ResponseContext>();
  private counter = 0;

  constructor(private readonly deps: InteractionsDeps) {}

  async handle(input: Interaction): Promise<InteractionResult> {
    const startedMs = Date.now();
    const result = await this.dispatch(input);
    const tookMs = Date.now() - startedMs;
    if (!result.ok || tookMs <= SLACK_ACK_DEADLINE_MS) return result;
    // The sandbox waits, but Slack would not: say so, so a slow ack is found here, not in Slack.
    const seconds = (tookMs / 1000).toFixed(1);
    return {
      ...result,
      warning: `The app took ${seconds} s to answer; Slack gives up after 3 s and shows an error.`,
    };
  }

  private async dispatch(input: Interaction): Promise<InteractionResult> {
    const actor = this.actor(input.user);
    if (actor === undefined) return { ok: false, error: `no person ${input.user}` };
    switch (input.kind) {
      case 'say':
        return this.say(actor, input.channel, input.text);
      case 'action':
        return input.viewId === undefined
          ? this.messageAction(actor, input)
          : this.viewAction(actor, { ...input, viewId: input.viewId });
      case 'submit':
        return this.submit(actor, input.viewId, input.values);
      case 'close':
        return this.close(actor, input.viewId, input.values);
      case 'suggest':
        return this.suggest(actor, input);
      case 'home':
        return this.home(actor);
      case 'dismiss':
        this.deps.workspace.dismissEphemeral(actor.id, input.ephemeralId);
        return { ok: true };
    }
  }

  /** A post to one of our response_urls (called by the fake Web API). */
  applyResponse(path: string, body: Json): void {
    const context = this.contexts.get(path.slice('/response/'.length));
    if (context !== undefined) this.show(context, body);
  }

  private newHash(): string {
    return `${Date.now()}.sbx${++this.counter}`;
  }

  private actor(userId: string): Actor | undefined {
    const person = this.deps.workspace.people.find((p) => p.id === userId);
    return person === undefined ? undefined : { id: person.id, name: person.name };
  }

  private channel(id: string) {
    const found = this.deps.workspace.channels.find((c) => c.id === id);
    return { id, name: found?.name ?? 'directmessage' };
  }

  private responseUrlFor(context: ResponseContext): string {
    const id = `sbx${++this.counter}`;
    this.contexts.set(id, context);
    return this.deps.responseUrl(id);
  }

  private send(request: SlackRequest): Promise<SignedResponse> {
    return postSigned(this.deps.eventsUrl(), request, { secret: this.deps.signingSecret });
  }

  private async say(actor: Actor, channelId: string, text: string): Promise<InteractionResult> {
    const trimmed = text.trim();
    if (!trimmed.startsWith('/')) {
      const ts = (Date.now() / 1000).toFixed(6);
      this.deps.workspace.postMessage({ channel: channelId, ts, user: actor.id, text, blocks: [] });
      return { ok: true };
    }
    const [command = '', ...rest] = trimmed.split(/\s+/);
    const context = { user: actor.id, channel: channelId };
    if (command !== SLASH_COMMAND) {
      this.slackbotSays(context, `${command} is not a valid command. Try ${SLASH_COMMAND}.`);
      return { ok: true };
    }
    const response = await this.send(
      slashCommandRequest({
        actor,
        command,
        text: rest.join(' '),
        channel: this.channel(channelId),
        responseUrl: this.responseUrlFor(context),
        triggerId: this.deps.triggers.issue(actor.id),
      }),
    );
    if (response.status !== 200) return this.failed(context, command, response);
    if (response.text.trim() !== '') this.show(context, asBody(response));
    return { ok: true };
  }

  private async messageAction(
    actor: Actor,
    input: Extract<Interaction, { kind: 'action' }>,
  ): Promise<InteractionResult> {
    const { workspace } = this.deps;
    const channelId = input.channel ?? '';
    const ephemeral = workspace
      .snapshot(actor.id)
      .ephemerals.find((e) => e.id === input.ephemeralId);
    const message = input.ts === undefined ? undefined : workspace.findMessage(channelId, input.ts);
    const blocks = ephemeral?.blocks ?? message?.blocks ?? [];
    const element = findElement(blocks, input.blockId, input.actionId);
    if (element === undefined) return { ok: false, error: `no element ${input.actionId}` };
    const threadTs = message?.threadTs ?? ephemeral?.threadTs;
    const context: ResponseContext = {
      user: actor.id,
      channel: channelId,
      ...(message === undefined ? {} : { messageTs: message.ts }),
      ...(threadTs === undefined ? {} : { threadTs }),
      ...(ephemeral === undefined ? {} : { ephemeralId: ephemeral.id }),
    };
    const response = await this.send(
      messageActionRequest({
        actor,
        channel: this.channel(channelId),
        message,
        action: actionOf(element, input.blockId, input.chosen),
        responseUrl: this.responseUrlFor(context),
        triggerId: this.deps.triggers.issue(actor.id),
        values: input.values,
      }),
    );
    if (response.status !== 200) return this.failed(context, 'That action', response);
    return { ok: true };
  }

  private async viewAction(
    actor: Actor,
    input: Extract<Interaction, { kind: 'action' }> & { viewId: string },
  ): Promise<InteractionResult> {
    const open = this.deps.workspace.findView(actor.id, input.viewId);
    if (open === undefined) return { ok: false, error: 'that view is no longer open' };
    const element = findElement(blocksOf(open.view), input.blockId, input.actionId);
    if (element === undefined) return { ok: false, error: `no element ${input.actionId}` };
    const response = await this.send(
      viewActionRequest({
        actor,
        view: viewJson(open, input.values),
        action: actionOf(element, input.blockId, input.chosen),
        triggerId: this.deps.triggers.issue(actor.id),
      }),
    );
    return response.status === 200 ? { ok: true } : httpProblem(response);
  }

  private async submit(actor: Actor, viewId: string, values: Json): Promise<InteractionResult> {
    const { workspace } = this.deps;
    const open = workspace.findView(actor.id, viewId);
    if (open === undefined) return { ok: false, error: 'that view is no longer open' };
    const response = await this.send(
      viewSubmissionRequest({
        actor,
        view: viewJson(open, values),
        triggerId: this.deps.triggers.issue(actor.id),
      }),
    );
    if (response.status !== 200) {
      workspace.showErrors(actor.id, { '': 'We had some trouble connecting. Try again?' });
      return httpProblem(response);
    }
    const body = (response.json ?? {}) as Json;
    switch (body.response_action) {
      case 'errors':
        workspace.showErrors(actor.id, (body.errors ?? {}) as Record<string, string>);
        break;
      case 'update':
        workspace.replaceView(open, body.view as Json, this.newHash());
        break;
      case 'push':
        workspace.pushModal(actor.id, `V0SBX${++this.counter}`, body.view as Json, this.newHash());
        break;
      case 'clear':
        workspace.closeModal(actor.id, true);
        break;
      default:
        workspace.closeModal(actor.id);
    }
    return { ok: true };
  }

  private async close(actor: Actor, viewId: string, values: Json): Promise<InteractionResult> {
    const open = this.deps.workspace.findView(actor.id, viewId);
    this.deps.workspace.closeModal(actor.id);
    if (open?.view.notify_on_close !== true) return { ok: true };
    const response = await this.send(viewClosedRequest({ actor, view: viewJson(open, values) }));
    return response.status === 200 ? { ok: true } : httpProblem(response);
  }

  private async suggest(
    actor: Actor,
    input: Extract<Interaction, { kind: 'suggest' }>,
  ): Promise<InteractionResult> {
    const open = this.deps.workspace.findView(actor.id, input.viewId);
    if (open === undefined) return { ok: false, error: 'that view is no longer open' };
    const response = await this.send(
      blockSuggestionRequest({
        actor,
        view: viewJson(open, input.values),
        blockId: input.blockId,
        actionId: input.actionId,
        value: input.value,
      }),
    );
    if (response.status !== 200) return httpProblem(response);
    const body = (response.json ?? {}) as Json;
    return { ok: true, options: body.options ?? body.option_groups ?? [] };
  }

  private async home(actor: Actor): Promise<InteractionResult> {
    const open = this.deps.workspace.homeOf(actor.id);
    const response = await this.send(
      appHomeOpenedRequest({
        actor,
        channel: dmChannelOf(actor.id),
        view: open === undefined ? undefined : viewJson(open, {}),
      }),
    );
    return response.status === 200 ? { ok: true } : httpProblem(response);
  }

  /** Shows an ack or response_url body where Slack would (docs/sandbox.md). */
  private show(context: ResponseContext, body: Json): void {
    showResponse(this.deps.workspace, context, body);
  }

  private slackbotSays(context: ResponseContext, text: string): void {
    this.deps.workspace.postEphemeral({ ...context, text, blocks: [] });
  }

  // Slack shows a failed command or action to the person; so does the sandbox, with the status.
  private failed(context: ResponseContext, what: string, response: SignedResponse) {
    this.slackbotSays(context, `${what} failed: the app answered HTTP ${response.status}.`);
    return httpProblem(response);
  }
}
