// Canned, realistic answers for the Web API methods the app uses (shapes from Slack's method
// reference). State is per fake: message timestamps and
// view ids increase, so tests can tell calls apart.
import { type BlockKitProblem, checkMessage, checkView } from '../slack/block-kit-limits.ts';

export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Block Kit problems that made the fake reject the call (recorded by the fake). */
  readonly problems?: readonly BlockKitProblem[];
}

export type MethodHandler = (args: Record<string, unknown>) => Reply;

export const FAKE_TEAM_ID = 'T0FAKE001';
export const FAKE_BOT_ID = 'B0FAKEBOT';
export const FAKE_BOT_USER_ID = 'U0FAKEBOT';
export const FAKE_APP_ID = 'A0FAKEAPP';

const ok = (body: Record<string, unknown>): Reply => ({ body: { ok: true, ...body } });

export function defaultHandlers(): Record<string, MethodHandler> {
  let tsCounter = 0;
  let viewCounter = 0;
  const nextTs = () => `1767225600.${String(++tsCounter).padStart(6, '0')}`;
  const nextViewId = () => `V0FAKE${String(++viewCounter).padStart(4, '0')}`;

  const viewReply = (args: Record<string, unknown>, method: string): Reply => {
    const view = (args.view ?? {}) as Record<string, unknown>;
    const problems = checkView(view);
    if (problems.length > 0) return rejectView(problems, method);
    const id = typeof args.view_id === 'string' ? args.view_id : nextViewId();
    return ok({
      view: {
        ...view,
        id,
        team_id: FAKE_TEAM_ID,
        state: { values: {} },
        hash: `${nextTs()}.fakehash`,
        root_view_id: id,
        previous_view_id: null,
        app_id: FAKE_APP_ID,
        bot_id: FAKE_BOT_ID,
        private_metadata: view.private_metadata ?? '',
        callback_id: view.callback_id ?? '',
        external_id: view.external_id ?? args.external_id ?? '',
      },
    });
  };

  const messageReply = (
    args: Record<string, unknown>,
    extra: (ts: string) => Record<string, unknown>,
  ) => {
    const problems = checkMessage(args);
    if (problems.length > 0) return rejectMessage(problems);
    const ts = typeof args.ts === 'string' ? args.ts : nextTs();
    return ok({ channel: args.channel, ts, ...extra(ts) });
  };

  const botMessage = (args: Record<string, unknown>, ts: string) => ({
    type: 'message',
    user: FAKE_BOT_USER_ID,
    bot_id: FAKE_BOT_ID,
    app_id: FAKE_APP_ID,
    team: FAKE_TEAM_ID,
    text: args.text ?? '',
    blocks: args.blocks ?? [],
    ts,
    ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}),
  });

  return {
    'auth.test': () =>
      ok({
        url: 'https://fake-workspace.slack.com/',
        team: 'Fake Workspace',
        user: 'writeoff-bot',
        team_id: FAKE_TEAM_ID,
        user_id: FAKE_BOT_USER_ID,
        bot_id: FAKE_BOT_ID,
        is_enterprise_install: false,
      }),
    'views.open': (args) => viewReply(args, 'views.open'),
    'views.update': (args) => viewReply(args, 'views.update'),
    'views.push': (args) => viewReply(args, 'views.push'),
    'views.publish': (args) => viewReply(args, 'views.publish'),
    'chat.postMessage': (args) => messageReply(args, (ts) => ({ message: botMessage(args, ts) })),
    'chat.update': (args) =>
      messageReply(args, (ts) => ({ text: args.text ?? '', message: botMessage(args, ts) })),
    'chat.postEphemeral': (args) => {
      const reply = messageReply(args, () => ({}));
      const body = reply.body as { ok: boolean; ts?: string };
      return body.ok ? ok({ message_ts: body.ts }) : reply;
    },
    'chat.delete': (args) => ok({ channel: args.channel, ts: args.ts }),
    'chat.getPermalink': (args) =>
      ok({
        channel: args.channel,
        permalink: `https://fake-workspace.slack.com/archives/${String(args.channel)}/p${String(args.message_ts ?? '').replace('.', '')}`,
      }),
    'conversations.open': (args) => ok({ channel: { id: dmChannelFor(String(args.users ?? '')) } }),
    'users.info': (args) => ok({ user: fakeUser(String(args.user ?? '')) }),
  };
}

/** A stable `D…` id per user list, as Slack returns the same DM channel every time. */
export function dmChannelFor(users: string): string {
  const first = users.split(',')[0]?.trim() ?? '';
  return `D${first.replace(/^[UW]/, '')}`;
}

export function fakeUser(id: string): Record<string, unknown> {
  return {
    id,
    team_id: FAKE_TEAM_ID,
    name: id.toLowerCase(),
    real_name: `User ${id}`,
    deleted: false,
    is_bot: false,
    tz: 'America/New_York',
    tz_label: 'Eastern Standard Time',
    tz_offset: -18_000,
    profile: { real_name: `User ${id}`, display_name: id.toLowerCase() },
  };
}

// Slack's own wording: `chat.*` answers `invalid_blocks` with `errors: ['… [json-pointer:/blocks/…]']`.
function rejectMessage(problems: readonly BlockKitProblem[]): Reply {
  return {
    problems,
    body: {
      ok: false,
      error: problems.some((p) => p.pointer.startsWith('/blocks'))
        ? 'invalid_blocks'
        : 'invalid_arguments',
      errors: problems.map((p) => `${p.message} [json-pointer:${p.pointer}]`),
    },
  };
}

// `views.*` answers `invalid_arguments` with `[ERROR] … [json-pointer:/view/…]` messages.
function rejectView(problems: readonly BlockKitProblem[], method: string): Reply {
  return {
    problems,
    body: {
      ok: false,
      error: 'invalid_arguments',
      response_metadata: {
        messages: problems.map((p) => `[ERROR] ${p.message} [json-pointer:/view${p.pointer}]`),
      },
      method,
    },
  };
}
