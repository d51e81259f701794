// startSlack: the mode switch the composition root uses, exercised for real on port 0.
import { afterEach, describe, expect, it } from 'vitest';
import { NO_NOTIFICATIONS } from '../../src/app/notifier.ts';
import type { Config } from '../../src/config/env.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import type { SlackDeps } from '../../src/slack/deps.ts';
import { type RunningSlack, SLACK_SETUP_HINT, startSlack } from '../../src/slack/start.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../support/fake-slack-api.ts';
import { capturingLogger, TEST_APPROVALS_CHANNEL, TEST_NOW } from '../support/slack-app.ts';
import {
  postSigned,
  slashCommand,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from '../support/slack-request.ts';

const base: Config = {
  slack: { kind: 'none' },
  approvalsChannel: undefined,
  databasePath: ':memory:',
  port: 0,
  slackApiUrl: 'https://slack.com/api/',
  admins: [],
  timezone: undefined,
  demo: 'off',
};

let running: RunningSlack | undefined;
let database: Database | undefined;
let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await running?.stop();
  database?.close();
  await fake?.close();
  fake?.verify();
  running = undefined;
  database = undefined;
  fake = undefined;
});

const depsWith = (db: Database): SlackDeps => ({
  store: sqliteStore(db),
  now: () => TEST_NOW,
  approvalsChannel: TEST_APPROVALS_CHANNEL,
  logger: capturingLogger([]),
  admins: [],
  notifications: NO_NOTIFICATIONS,
});

describe('startSlack', () => {
  it('without Slack credentials serves /healthz and explains how to configure Slack', async () => {
    database = openTestDatabase();
    running = await startSlack(base, depsWith(database), { host: '127.0.0.1' });
    expect(running.mode).toBe('none');
    const origin = `http://127.0.0.1:${running.port}`;
    const health = await fetch(`${origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const other = await fetch(`${origin}/slack/events`, { method: 'POST' });
    expect(other.status).toBe(404);
    expect(await other.text()).toContain(SLACK_SETUP_HINT);
  });

  it('without Slack credentials answers 503 once the database is unusable', async () => {
    const db = openTestDatabase();
    running = await startSlack(base, depsWith(db), { host: '127.0.0.1' });
    db.close();
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(health.status).toBe(503);
  });

  it('answers 503 with the reason when the database cannot be written', async () => {
    database = openTestDatabase();
    running = await startSlack(base, depsWith(database), { host: '127.0.0.1' });
    const url = `http://127.0.0.1:${running.port}/healthz`;
    expect((await fetch(url)).status).toBe(200);
    // Reads still work; every write fails, as on a read-only file or a full disk.
    database.sqlite.pragma('query_only = ON');
    const health = await fetch(url);
    expect(health.status).toBe(503);
    const body = (await health.json()) as { ok: boolean; reason: string };
    expect(body.ok).toBe(false);
    expect(body.reason).toMatch(/^the database cannot be written: .*readonly/);
    database.sqlite.pragma('query_only = OFF');
    expect((await fetch(url)).status).toBe(200);
  });

  it('in HTTP mode serves /slack/events and /healthz, calling the configured Web API URL', async () => {
    fake = await startFakeSlackApi();
    database = openTestDatabase();
    const config: Config = {
      ...base,
      slack: { kind: 'http', botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET },
      approvalsChannel: TEST_APPROVALS_CHANNEL,
      slackApiUrl: fake.url,
    };
    running = await startSlack(config, depsWith(database), { host: '127.0.0.1' });
    expect(running.mode).toBe('http');
    const origin = `http://127.0.0.1:${running.port}`;
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const reply = await postSigned(`${origin}/slack/events`, slashCommand({ text: 'help' }));
    expect(reply.status).toBe(200);
    expect((reply.json as { response_type: string }).response_type).toBe('ephemeral');
    // Without known bot ids Bolt asks auth.test, and it asked the configured URL, not slack.com.
    expect(fake.calls('auth.test').map((c) => c.token)).toContain(TEST_BOT_TOKEN);
  });
});
