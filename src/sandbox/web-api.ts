// The fake Web API's methods as the sandbox answers them: the shared canned answers
// (fake-slack-methods.ts: ids, Block Kit checks, Slack's error shapes) plus the effect on the
// sandbox's workspace, so what the bot posts, updates, opens or publishes appears on the page.
import {
  defaultHandlers,
  FAKE_BOT_USER_ID,
  fakeUser,
  type MethodHandler,
  type Reply,
} from './fake-slack-methods.ts';
import type { Workspace } from './workspace.ts';

type Json = Record<string, unknown>;

/** Trigger ids the sandbox hands out with each interaction, and whose click each one was. */
export class Triggers {
  private counter = 0;
  private readonly owners = new Map<string, string>();

  issue(userId: string): string {
    const id = `${++this.counter}.${Date.now()}.sandbox`;
    this.owners.set(id, userId);
    return id;
  }

  userOf(triggerId: unknown): string | undefined {
    return typeof triggerId === 'string' ? this.owners.get(triggerId) : undefined;
  }
}

const isOk = (reply: Reply): boolean => (reply.body as { ok?: unknown } | undefined)?.ok === true;
const blocksOf = (args: Json): Json[] =>
  Array.isArray(args.blocks) ? (args.blocks as Json[]) : [];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const optional = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export function sandboxHandlers(
  workspace: Workspace,
  triggers: Triggers,
): Record<string, MethodHandler> {
  const base = defaultHandlers();
  const call = (method: string, args: Json): Reply =>
    base[method]?.(args) ?? { body: { ok: false, error: 'unknown_method' } };
  const then =
    (method: string, effect: (args: Json, body: Json) => Reply | undefined): MethodHandler =>
    (args) => {
      const reply = call(method, args);
      if (!isOk(reply)) return reply;
      return effect(args, reply.body as Json) ?? reply;
    };
  const viewIdOf = (body: Json) => String((body.view as Json | undefined)?.id ?? '');
  const hashOf = (body: Json) => String((body.view as Json | undefined)?.hash ?? '');

  return {
    ...base,
    'chat.postMessage': then('chat.postMessage', (args, body) => {
      const channel = workspace.channelId(text(args.channel));
      workspace.postMessage({
        channel,
        ts: String(body.ts),
        user: FAKE_BOT_USER_ID,
        text: text(args.text),
        blocks: blocksOf(args),
        threadTs: optional(args.thread_ts),
      });
      return { body: { ...body, channel } };
    }),
    'chat.update': then('chat.update', (args, body) => {
      const found = workspace.updateMessage(
        text(args.channel),
        text(args.ts),
        text(args.text),
        blocksOf(args),
      );
      if (!found) return { body: { ok: false, error: 'message_not_found' } };
      return { body: { ...body, channel: workspace.channelId(text(args.channel)) } };
    }),
    'chat.delete': then('chat.delete', (args) => {
      workspace.deleteMessage(text(args.channel), text(args.ts));
      return undefined;
    }),
    'chat.postEphemeral': then('chat.postEphemeral', (args) => {
      workspace.postEphemeral({
        user: text(args.user),
        channel: text(args.channel),
        text: text(args.text),
        blocks: blocksOf(args),
        ...(optional(args.thread_ts) === undefined ? {} : { threadTs: text(args.thread_ts) }),
      });
      return undefined;
    }),
    'views.open': then('views.open', (args, body) => {
      const userId = triggers.userOf(args.trigger_id);
      if (userId === undefined) return { body: { ok: false, error: 'invalid_trigger_id' } };
      workspace.openModal(userId, viewIdOf(body), args.view as Json, hashOf(body));
      return undefined;
    }),
    'views.push': then('views.push', (args, body) => {
      const userId = triggers.userOf(args.trigger_id);
      if (userId === undefined) return { body: { ok: false, error: 'invalid_trigger_id' } };
      workspace.pushModal(userId, viewIdOf(body), args.view as Json, hashOf(body));
      return undefined;
    }),
    'views.update': (args) => {
      const ref = {
        ...(optional(args.view_id) === undefined ? {} : { viewId: text(args.view_id) }),
        ...(optional(args.external_id) === undefined ? {} : { externalId: text(args.external_id) }),
      };
      const open = workspace.viewByRef(ref);
      if (open === undefined) return { body: { ok: false, error: 'not_found' } };
      // Slack refuses an update based on a view that changed since (a double click, a race).
      const hash = optional(args.hash);
      if (hash !== undefined && hash !== open.hash) {
        return { body: { ok: false, error: 'hash_conflict' } };
      }
      // Answer with the view id the person has open, as Slack does.
      const reply = call('views.update', { ...args, view_id: open.viewId });
      if (isOk(reply)) workspace.replaceView(open, args.view as Json, hashOf(reply.body as Json));
      return reply;
    },
    'views.publish': then('views.publish', (args, body) => {
      const userId = text(args.user_id);
      workspace.publishHome(userId, viewIdOf(body), args.view as Json, hashOf(body));
      const home = workspace.homeOf(userId);
      return { body: { ...body, view: { ...(body.view as Json), id: home?.viewId } } };
    }),
    'users.info': (args) => {
      const id = text(args.user);
      const person = workspace.people.find((p) => p.id === id);
      const user = fakeUser(id);
      if (person === undefined) return { body: { ok: true, user } };
      const profile = { real_name: person.name, display_name: person.name };
      return { body: { ok: true, user: { ...user, real_name: person.name, profile } } };
    },
  };
}

export interface UploadedFile {
  readonly fileId: string;
  readonly filename: string;
  readonly bytes: Buffer;
}

/**
 * `files.completeUploadExternal` shares uploaded files in a channel (or a thread); the sandbox
 * shows them as a message from the bot with the files attached, as Slack does.
 */
export function shareUploadedFiles(
  workspace: Workspace,
  args: Json,
  uploaded: readonly UploadedFile[],
): void {
  const channel = text(args.channel_id);
  if (channel === '') return; // Uploaded but not shared anywhere: nobody sees it.
  const files = (Array.isArray(args.files) ? (args.files as Json[]) : []).map((file) => {
    const id = String(file.id ?? '');
    const filename = uploaded.find((u) => u.fileId === id)?.filename ?? id;
    return { id, filename, title: typeof file.title === 'string' ? file.title : filename };
  });
  workspace.postMessage({
    channel,
    ts: (Date.now() / 1000).toFixed(6),
    user: FAKE_BOT_USER_ID,
    text: text(args.initial_comment),
    blocks: [],
    threadTs: optional(args.thread_ts),
    files,
  });
}
