// Starts the real app (createSlackApp + Bolt's HTTPReceiver on 127.0.0.1:0) against a fresh fake
// Slack Web API and, unless given one, a fresh migrated in-memory database. Requests go over real
// HTTP, signed like Slack. `processBeforeResponse: true` makes the HTTP answer wait until the
// listener has finished, so a test can assert Web API calls right after `send()` resolves.
//
//   const t = await startTestApp();
//   afterEach(() => t.stop());   // tears down, then fails on unknown methods / bad Block Kit
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, type Logger, LogLevel } from '@slack/bolt';
import { checkHealth } from '../../src/app/health.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import type { Store } from '../../src/db/store.ts';
import { type OutboxWorkerDeps, requestNotifications } from '../../src/jobs/outbox-worker.ts';
import { createSlackApp, healthzRoute, type SlackAppOptions } from '../../src/slack/app.ts';
import type { SlackDeps } from '../../src/slack/deps.ts';
import { EVENTS_PATH } from '../../src/slack/ids.ts';
import { notifierClient, slackClientOptions, slackNotifier } from '../../src/slack/notifier.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { FAKE_BOT_ID, FAKE_BOT_USER_ID, FAKE_TEAM_ID } from './fake-slack-methods.ts';
import {
  postSigned,
  type SignedResponse,
  type SlackRequest,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from './slack-request.ts';

export const TEST_APPROVALS_CHANNEL = 'C0APPROVALS';
export const TEST_NOW = new Date('2026-06-15T14:00:00Z');

export interface CapturedLog {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
}

export interface TestAppOptions {
  /** Defaults to a fresh `openTestDatabase()`, closed on stop. */
  readonly database?: Database;
  /** Another store instead (PostgreSQL); the caller closes it. `database` is then unused. */
  readonly store?: Store;
  /** Overrides for the deps the app receives (clock, channel, admins). */
  readonly deps?: Partial<Omit<SlackDeps, 'database' | 'logger'>>;
  /** Overrides for createSlackApp options (e.g. `botId: undefined` paths). */
  readonly app?: Partial<SlackAppOptions>;
  /** false: leave bot and team ids out so `auth.test` is asked of the fake (default true). */
  readonly knownBotIds?: boolean;
  /** Register extra listeners before the app starts (test-only listeners). */
  readonly configure?: (app: App) => void;
}

export interface TestApp {
  readonly app: App;
  /** What `app.start()` returned: Bolt 5's HTTPReceiver resolves to the node `http.Server`. */
  readonly server: Server;
  readonly fake: FakeSlackApi;
  readonly deps: SlackDeps;
  /** The outbox worker as the composition root wires it (Slack notifier on the fake). */
  readonly worker: OutboxWorkerDeps;
  readonly database: Database;
  readonly store: Store;
  readonly logs: CapturedLog[];
  readonly baseUrl: string;
  readonly eventsUrl: string;
  /** Signs and POSTs a request to /slack/events. */
  send(request: SlackRequest, options?: Parameters<typeof postSigned>[2]): Promise<SignedResponse>;
  get(path: string): Promise<{ readonly status: number; readonly text: string }>;
  /** Stops app and fake, closes an owned database, then runs `fake.verify()`. */
  stop(): Promise<void>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const fake = await startFakeSlackApi();
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? openTestDatabase();
  const logs: CapturedLog[] = [];
  const logger = capturingLogger(logs);
  const base = {
    store: options.store ?? sqliteStore(database),
    now: () => TEST_NOW,
    approvalsChannel: TEST_APPROVALS_CHANNEL,
    admins: [] as readonly string[],
    ...options.deps,
    logger,
  };
  const worker: OutboxWorkerDeps = {
    store: base.store,
    notifier: slackNotifier(notifierClient(TEST_BOT_TOKEN, fake.url), base.approvalsChannel),
    logger,
    admins: base.admins,
  };
  const deps: SlackDeps = {
    notifications: requestNotifications({ ...worker, now: base.now }),
    ...base,
  };
  const app = createSlackApp(deps, {
    token: TEST_BOT_TOKEN,
    signingSecret: TEST_SIGNING_SECRET,
    ...(options.knownBotIds === false
      ? {}
      : { botId: FAKE_BOT_ID, botUserId: FAKE_BOT_USER_ID, teamId: FAKE_TEAM_ID }),
    processBeforeResponse: true,
    logLevel: LogLevel.DEBUG,
    clientOptions: slackClientOptions(fake.url),
    customRoutes: [healthzRoute(() => checkHealth(deps))],
    ...options.app,
  });
  options.configure?.(app);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const eventsUrl = `${baseUrl}${EVENTS_PATH}`;

  return {
    app,
    server,
    fake,
    deps,
    worker,
    database,
    store: base.store,
    logs,
    baseUrl,
    eventsUrl,
    send: (request, signOptions) => postSigned(eventsUrl, request, signOptions),
    async get(path) {
      const response = await fetch(`${baseUrl}${path}`);
      return { status: response.status, text: await response.text() };
    },
    async stop() {
      server.closeAllConnections();
      await app.stop();
      await fake.close();
      if (ownsDatabase) database.close();
      fake.verify();
    },
  };
}

/** A Bolt Logger that keeps what it is told, so tests can read it without console noise. */
export function capturingLogger(logs: CapturedLog[]): Logger {
  let level = LogLevel.DEBUG;
  let name = 'test';
  const record =
    (kind: CapturedLog['level']) =>
    (...messages: unknown[]) => {
      logs.push({ level: kind, message: messages.map(formatLogArg).join(' ') });
    };
  return {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
      void name;
    },
  };
}

function formatLogArg(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
