// Starts the local sandbox (docs/sandbox.md, ADR 150): a fake Slack workspace with its Web API
// on a loopback port, and the page on PORT. The composition root then starts the bot in plain
// Slack HTTP mode with `botConfig` (a fresh signing secret and bot token, SLACK_API_URL pointing
// at the fake) and tells the sandbox where the bot listens. No bot code knows the difference.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/env.ts';
import type { Store } from '../db/store.ts';
import { EVENTS_PATH } from '../slack/ids.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { FAKE_BOT_USER_ID } from './fake-slack-methods.ts';
import { glExports } from './gl-export.ts';
import { Interactions } from './interactions.ts';
import { createSandboxServer } from './server.ts';
import { sandboxHandlers, shareUploadedFiles, Triggers } from './web-api.ts';
import { type SandboxPerson, Workspace } from './workspace.ts';

export const SANDBOX_APPROVALS_CHANNEL = 'C0APPROVALS';
export const SANDBOX_CHANNELS = [
  { id: 'C0ARTEAM', name: 'ar-team' },
  { id: SANDBOX_APPROVALS_CHANNEL, name: 'writeoff-approvals' },
] as const;

export interface SandboxOptions {
  readonly config: Config;
  readonly store: Store;
  readonly people: readonly SandboxPerson[];
  readonly isReady: () => boolean;
  /** Interface for the page; loopback unless a test says otherwise. */
  readonly host?: string;
}

export interface RunningSandbox {
  /** The configuration the bot starts with: Slack HTTP mode against this sandbox. */
  readonly botConfig: Config;
  /** The page's address, e.g. http://127.0.0.1:3000/. */
  readonly url: string;
  readonly port: number;
  readonly workspace: Workspace;
  /** Where the bot's Bolt receiver listens (its port on 127.0.0.1). */
  connect(botPort: number): void;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const workspace = new Workspace({
    people: options.people,
    channels: SANDBOX_CHANNELS,
    approvalsChannel: SANDBOX_APPROVALS_CHANNEL,
    botUserId: FAKE_BOT_USER_ID,
  });
  const triggers = new Triggers();
  let interactions: Interactions | undefined;
  const fake: FakeSlackApi = await startFakeSlackApi(sandboxHandlers(workspace, triggers), {
    onResponse: (response) => interactions?.applyResponse(response.path, response.body),
    onCall: (call, reply) => {
      const ok = (reply.body as { ok?: unknown } | undefined)?.ok === true;
      if (call.method === 'files.completeUploadExternal' && ok) {
        shareUploadedFiles(workspace, call.args, fake.uploads());
      }
    },
  });
  const signingSecret = randomBytes(16).toString('hex');
  const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
  let eventsUrl: string | undefined;
  interactions = new Interactions({
    workspace,
    triggers,
    responseUrl: (id) => fake.responseUrl(id),
    signingSecret,
    eventsUrl: () => {
      if (eventsUrl === undefined) throw new Error('the bot is still starting');
      return eventsUrl;
    },
  });
  const running = interactions;
  const server = createSandboxServer({
    workspace,
    interact: (input) => running.handle(input),
    glExports: () => glExports(options.store),
    file: (id) => fake.uploads().find((u) => u.fileId === id),
    isReady: options.isReady,
  });
  await listen(server, options.config.port, options.host ?? '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    botConfig: {
      ...options.config,
      slack: { kind: 'http', botToken, signingSecret },
      approvalsChannel: SANDBOX_APPROVALS_CHANNEL,
      slackApiUrl: fake.url,
      port: 0,
    },
    url: `http://127.0.0.1:${port}/`,
    port,
    workspace,
    connect(botPort) {
      eventsUrl = `http://127.0.0.1:${botPort}${EVENTS_PATH}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => resolve());
  });
}
