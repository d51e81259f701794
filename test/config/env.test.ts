import { describe, expect, it } from 'vitest';
import {
  type Config,
  ConfigError,
  DEFAULT_DATABASE_PATH,
  DEFAULT_SLACK_API_URL,
  describeConfig,
  parseEnv,
} from '../../src/config/env.ts';

const BOT = 'xoxb-1234-5678-abcdef';
const SECRET = '0123456789abcdef0123456789abcdef';
const APP = 'xapp-1-A111-222-abcdef';
const http = {
  SLACK_BOT_TOKEN: BOT,
  SLACK_SIGNING_SECRET: SECRET,
  WRITEOFF_APPROVALS_CHANNEL: 'C0APPROVE',
};

const parsed = (env: NodeJS.ProcessEnv): Config => {
  const result = parseEnv(env);
  if (!result.ok) throw new Error(result.error.join('\n'));
  return result.value;
};
const problems = (env: NodeJS.ProcessEnv): string[] => {
  const result = parseEnv(env);
  if (result.ok) throw new Error('expected a configuration error');
  return result.error;
};

describe('parseEnv', () => {
  it('runs with no environment at all: no Slack, defaults for the rest', () => {
    expect(parsed({})).toEqual({
      slack: { kind: 'none' },
      approvalsChannel: undefined,
      databasePath: DEFAULT_DATABASE_PATH,
      port: 3000,
      slackApiUrl: DEFAULT_SLACK_API_URL,
      admins: [],
      timezone: undefined,
      demo: 'auto',
    });
  });

  it('reads WRITEOFF_DEMO and names it when malformed', () => {
    expect(parsed({ WRITEOFF_DEMO: 'off' }).demo).toBe('off');
    expect(problems({ WRITEOFF_DEMO: 'yes' })).toEqual(['WRITEOFF_DEMO: must be auto, on or off']);
  });

  it('treats empty variables (as copied from .env.example) as unset', () => {
    const env = { SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: ' ', PORT: '', WRITEOFF_DB: '' };
    expect(parsed(env)).toMatchObject({ slack: { kind: 'none' }, port: 3000 });
  });

  it('selects HTTP mode with a bot token and a signing secret', () => {
    expect(parsed(http).slack).toEqual({ kind: 'http', botToken: BOT, signingSecret: SECRET });
  });

  it('selects Socket Mode whenever an app token is set', () => {
    const config = parsed({ ...http, SLACK_APP_TOKEN: APP });
    expect(config.slack).toEqual({
      kind: 'socket',
      botToken: BOT,
      appToken: APP,
      signingSecret: SECRET,
    });
    const noSecret = parsed({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      WRITEOFF_APPROVALS_CHANNEL: 'C1AB',
    });
    expect(noSecret.slack.kind).toBe('socket');
  });

  it('reads every other variable', () => {
    const config = parsed({
      ...http,
      WRITEOFF_DB: '/var/lib/writeoff.db',
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      WRITEOFF_ADMINS: 'U01ADMIN, W02ADMIN,,',
      WRITEOFF_TIMEZONE: 'Europe/Berlin',
    });
    expect(config).toMatchObject({
      approvalsChannel: 'C0APPROVE',
      databasePath: '/var/lib/writeoff.db',
      port: 8080,
      slackApiUrl: 'http://127.0.0.1:9999/api/',
      admins: ['U01ADMIN', 'W02ADMIN'],
      timezone: 'Europe/Berlin',
    });
  });

  it('reports every bad variable at once, each by name', () => {
    const found = problems({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_SIGNING_SECRET: 'not hex!',
      SLACK_APP_TOKEN: 'xoxb-wrong-kind',
      WRITEOFF_APPROVALS_CHANNEL: '#ar-approvals',
      PORT: '70000',
      SLACK_API_URL: 'slack.com/api',
      WRITEOFF_ADMINS: 'U01ADMIN,bob',
      WRITEOFF_TIMEZONE: 'Mars/Olympus',
    });
    const names = found.map((p) => p.split(':')[0]);
    expect(names).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_APP_TOKEN',
      'WRITEOFF_APPROVALS_CHANNEL',
      'PORT',
      'SLACK_API_URL',
      'WRITEOFF_ADMINS',
      'WRITEOFF_TIMEZONE',
    ]);
    expect(found.find((p) => p.startsWith('WRITEOFF_ADMINS'))).toContain('bob');
    expect(found.find((p) => p.startsWith('WRITEOFF_APPROVALS_CHANNEL'))).toContain('not a #name');
  });

  it.each([
    [
      'a bot token alone',
      { SLACK_BOT_TOKEN: BOT },
      ['SLACK_SIGNING_SECRET', 'WRITEOFF_APPROVALS_CHANNEL'],
    ],
    [
      'a signing secret alone',
      { SLACK_SIGNING_SECRET: SECRET },
      ['SLACK_BOT_TOKEN', 'WRITEOFF_APPROVALS_CHANNEL'],
    ],
    [
      'an app token without a bot token',
      { SLACK_APP_TOKEN: APP, WRITEOFF_APPROVALS_CHANNEL: 'C1AB' },
      ['SLACK_BOT_TOKEN'],
    ],
    [
      'credentials without an approvals channel',
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET },
      ['WRITEOFF_APPROVALS_CHANNEL'],
    ],
  ])('refuses half a Slack setup: %s', (_name, env, missing) => {
    expect(problems(env).map((p) => p.split(':')[0])).toEqual(missing);
  });

  it('reports malformed and missing variables together', () => {
    const found = problems({ SLACK_BOT_TOKEN: 'xoxp-user-token', PORT: 'abc' });
    expect(found.map((p) => p.split(':')[0])).toEqual([
      'SLACK_BOT_TOKEN',
      'PORT',
      'SLACK_SIGNING_SECRET',
      'WRITEOFF_APPROVALS_CHANNEL',
    ]);
  });

  it.each(['-1', '3.5', 'abc', '65536'])('rejects PORT=%s', (port) => {
    expect(problems({ PORT: port })[0]).toMatch(/^PORT: /);
  });

  it('accepts PORT=0 (pick a free port, used by tests)', () => {
    expect(parsed({ PORT: '0' }).port).toBe(0);
  });
});

describe('ConfigError and describeConfig', () => {
  it('lists every problem in the message', () => {
    const error = new ConfigError(['PORT: bad', 'WRITEOFF_TIMEZONE: bad']);
    expect(error.message).toBe('Invalid configuration:\n  - PORT: bad\n  - WRITEOFF_TIMEZONE: bad');
  });

  it('never prints a token or secret', () => {
    const line = describeConfig(parsed({ ...http, SLACK_APP_TOKEN: APP }));
    expect(line).toContain('Slack socket');
    for (const secret of [BOT, SECRET, APP]) expect(line).not.toContain(secret);
  });
});
