// The app through Bolt's real HTTP receiver: signed requests in, fake Slack Web API out.
import { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { describeRequest, USER_FACING_ERROR } from '../../src/slack/app.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { TEST_APPROVALS_CHANNEL, type TestApp } from '../support/slack-app.ts';
import {
  appHomeOpened,
  postSigned,
  signatureHeaders,
  slashCommand,
  TEST_BOT_TOKEN,
} from '../support/slack-request.ts';

const start = appPerTest();
let t: TestApp | undefined;

describe('/writeoff through the HTTP receiver', () => {
  it('answers /writeoff help with an ephemeral help message naming the approvals channel', async () => {
    t = await start();
    const response = await t.send(slashCommand({ text: 'help' }));
    expect(response.status).toBe(200);
    const body = response.json as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(`<#${TEST_APPROVALS_CHANNEL}>`);
    expect(JSON.stringify(body.blocks)).toContain('void it in your ERP');
    expectValidMessage(body);
  });

  it('treats HELP in capitals like help (a bare /writeoff opens the form instead)', async () => {
    t = await start();
    for (const text of ['help', '  HELP  ']) {
      const response = await t.send(slashCommand({ text }));
      expect((response.json as { text: string }).text).toContain('second person');
    }
  });

  it('answers an unknown sub-command with a helpful ephemeral message', async () => {
    t = await start();
    const response = await t.send(slashCommand({ text: 'frobnicate now' }));
    expect(response.status).toBe(200);
    const body = response.json as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/writeoff frobnicate');
    expect(body.text).toContain('/writeoff help');
    expectValidMessage(body);
  });

  it('makes no Web API call for help (the ack carries the answer)', async () => {
    t = await start();
    await t.send(slashCommand({ text: 'help' }));
    expect(t.fake.calls()).toEqual([]);
  });
});

describe('request verification', () => {
  it('rejects a wrong signature with 401 and runs no listener', async () => {
    const ran: string[] = [];
    t = await start({
      configure: (app) =>
        app.command('/probe', async ({ ack }) => {
          ran.push('probe');
          await ack();
        }),
    });
    const response = await t.send(slashCommand({ command: '/probe' }), {
      secret: 'not-the-secret',
    });
    expect(response.status).toBe(401);
    expect(response.text).toBe('');
    expect(ran).toEqual([]);
    expect(t.fake.calls()).toEqual([]);
  });

  it('rejects a forged signature header with 401', async () => {
    t = await start();
    const response = await t.send(slashCommand({ text: 'help' }), {
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(response.status).toBe(401);
  });

  it('rejects a timestamp more than five minutes old with 401', async () => {
    t = await start();
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await t.send(slashCommand({ text: 'help' }), { timestamp: sixMinutesAgo });
    expect(response.status).toBe(401);
  });

  it('rejects a body altered after signing with 401', async () => {
    t = await start();
    const signed = slashCommand({ text: 'help' });
    const response = await postSigned(t.eventsUrl, `${signed.body}&text=other`, {
      signature: signatureHeaders(signed.body)['x-slack-signature'],
    });
    expect(response.status).toBe(401);
  });
});

describe('receiver details later features rely on', () => {
  it('app.start resolves to the node http.Server', async () => {
    t = await start();
    expect(t.server).toBeInstanceOf(Server);
    expect(t.server.listening).toBe(true);
  });

  it('refuses a form body whose content type carries a charset (Bolt compares it exactly)', async () => {
    t = await start();
    const response = await t.send(slashCommand({ text: 'help' }), {
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    });
    expect(response.status).toBe(400);
  });

  it('acknowledges app_home_opened before any Home tab listener exists', async () => {
    t = await start();
    const response = await t.send(appHomeOpened(), { headers: { 'x-slack-retry-num': '1' } });
    expect(response.status).toBe(200);
  });
});

describe('GET /healthz', () => {
  it('answers 200 once the database is open and migrated', async () => {
    t = await start();
    const response = await t.get('/healthz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ ok: true });
  });

  it('answers 503 when the database is gone', async () => {
    t = await start();
    t.database.close();
    const response = await t.get('/healthz');
    expect(response.status).toBe(503);
  });
});

describe('global error handler', () => {
  it('logs the error with context and tells the user a reference, never the stack', async () => {
    t = await start({
      configure: (app) =>
        app.command('/boom', async ({ ack }) => {
          await ack();
          throw new Error('secret internals at /src/app/thing.ts:42');
        }),
    });
    const responseUrl = t.fake.responseUrl('boom');
    const response = await t.send(slashCommand({ command: '/boom', responseUrl }));
    expect(response.status).toBe(200);
    const [reply] = t.fake.responses();
    const text = String(reply?.body.text);
    expect(text).toContain(USER_FACING_ERROR);
    expect(text).not.toContain('secret internals');
    expect(text).not.toMatch(/\.ts:\d+/);
    expect(reply?.body.response_type).toBe('ephemeral');
    const reference = /`([0-9a-f]{8})`/.exec(text)?.[1];
    const logged = t.logs.find(
      (log) => log.level === 'error' && log.message.includes(`[${reference}]`),
    );
    expect(logged?.message).toContain('command=/boom');
    expect(logged?.message).toContain('user=U0CLERK01');
    expect(logged?.message).toContain('secret internals');
  });
});

describe('Web API wiring', () => {
  it('sends Web API calls to clientOptions.slackApiUrl with the bot token', async () => {
    t = await start({
      configure: (app) =>
        app.command('/ping', async ({ ack, client, command }) => {
          await ack();
          await client.chat.postMessage({ channel: command.channel_id, text: 'pong' });
        }),
    });
    await t.send(slashCommand({ command: '/ping' }));
    const [call] = t.fake.calls('chat.postMessage');
    expect(call?.token).toBe(TEST_BOT_TOKEN);
    expect(call?.args).toMatchObject({ channel: 'C0GENERAL', text: 'pong' });
  });

  it('calls auth.test on the fake when bot ids are not given', async () => {
    t = await start({ knownBotIds: false });
    await t.send(slashCommand({ text: 'help' }));
    expect(t.fake.calls('auth.test').length).toBeGreaterThan(0);
  });

  it('asks auth.test once, not once per request (no extra round trip per interaction)', async () => {
    t = await start({ knownBotIds: false });
    for (let i = 0; i < 3; i += 1) {
      expect((await t.send(slashCommand({ text: 'help' }))).status).toBe(200);
    }
    expect(t.fake.calls('auth.test')).toHaveLength(1);
  });
});

describe('describeRequest', () => {
  it('names a slash command by ids only', () => {
    const line = describeRequest({
      command: '/writeoff',
      user_id: 'U1',
      team_id: 'T1',
      text: 'secret',
    });
    expect(line).toBe('type=slash_command command=/writeoff user=U1 team=T1');
  });

  it('names an interaction by type, user, callback and action', () => {
    const body = {
      type: 'block_actions',
      user: { id: 'U2' },
      team: { id: 'T1' },
      view: { callback_id: 'writeoff_form' },
      actions: [{ action_id: 'approve', value: '42' }],
    };
    expect(describeRequest(body)).toBe(
      'type=block_actions user=U2 team=T1 callback=writeoff_form action=approve',
    );
  });

  it('copes with odd bodies', () => {
    expect(describeRequest(undefined)).toBe('');
    expect(describeRequest({ type: 'event_callback', event: { type: 'app_home_opened' } })).toBe(
      'type=event_callback event=app_home_opened',
    );
  });
});
