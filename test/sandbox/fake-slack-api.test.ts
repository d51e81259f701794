// The fake Web API, driven by the real @slack/web-api client (the same one Bolt uses).
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeSlackApi,
  parseArgs,
  startFakeSlackApi,
} from '../../src/sandbox/fake-slack-api.ts';
import { TEST_BOT_TOKEN } from '../support/slack-request.ts';

let fake: FakeSlackApi;
let client: webApi.WebClient;

beforeEach(async () => {
  fake = await startFakeSlackApi();
  client = new webApi.WebClient(TEST_BOT_TOKEN, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
});
afterEach(async () => {
  await fake.close();
});

const platformError = async (promise: Promise<unknown>) => {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: string; data?: { error?: string; errors?: string[] } } | undefined;
  return error;
};

describe('fake Slack Web API', () => {
  it('records method, token and form args with nested JSON decoded', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }];
    await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks, thread_ts: '1.2' });
    const [call] = fake.calls('chat.postMessage');
    expect(call).toEqual({
      method: 'chat.postMessage',
      token: TEST_BOT_TOKEN,
      args: { channel: 'C1', text: 'hi', blocks, thread_ts: '1.2' },
    });
  });

  it('answers chat.postMessage with channel, increasing ts and the posted message', async () => {
    const first = await client.chat.postMessage({ channel: 'C1', text: 'a' });
    const second = await client.chat.postMessage({
      channel: 'C1',
      text: 'b',
      thread_ts: first.ts ?? '',
    });
    expect(first).toMatchObject({ ok: true, channel: 'C1', message: { text: 'a' } });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(second.message?.thread_ts).toBe(first.ts);
  });

  it('answers views.open with a view id and hash, and views.update keeps the id', async () => {
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Write-off' },
      blocks: [],
    };
    const opened = await client.views.open({ trigger_id: '1.2.3', view });
    expect(opened.view).toMatchObject({
      type: 'modal',
      id: expect.stringMatching(/^V/),
      hash: expect.any(String),
    });
    const updated = await client.views.update({ view_id: opened.view?.id ?? '', view });
    expect(updated.view?.id).toBe(opened.view?.id);
  });

  it('answers conversations.open with a DM channel and users.info with a timezone', async () => {
    const dm = await client.conversations.open({ users: 'U0MANAGER' });
    expect(dm.channel?.id).toMatch(/^D/);
    const info = await client.users.info({ user: 'U0MANAGER' });
    expect(info.user).toMatchObject({ id: 'U0MANAGER', tz: 'America/New_York', deleted: false });
  });

  it('answers the other methods the app uses', async () => {
    await client.auth.test();
    await client.views.push({
      trigger_id: '1',
      view: { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] },
    });
    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    await client.chat.update({ channel: 'C1', ts: '1.2', text: 'edited' });
    const ephemeral = await client.chat.postEphemeral({
      channel: 'C1',
      user: 'U1',
      text: 'only you',
    });
    expect(ephemeral.message_ts).toEqual(expect.any(String));
    await client.chat.delete({ channel: 'C1', ts: '1.2' });
    expect(fake.calls().map((c) => c.method)).toEqual([
      'auth.test',
      'views.push',
      'views.publish',
      'chat.update',
      'chat.postEphemeral',
      'chat.delete',
    ]);
    expect(() => fake.verify()).not.toThrow();
  });

  it('fails verify() when an unknown method is called', async () => {
    const error = await platformError(client.apiCall('reactions.add', { name: 'thumbsup' }));
    expect(error?.data?.error).toBe('unknown_method');
    expect(fake.unknownCalls().map((c) => c.method)).toEqual(['reactions.add']);
    expect(() => fake.assertNoUnknownCalls()).toThrow(/reactions\.add/);
    expect(() => fake.verify()).toThrow(/reactions\.add/);
  });

  it('can make a method fail once with ok:false, then answer normally', async () => {
    fake.failNext('chat.postMessage', 'ratelimited');
    const error = await platformError(client.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(error).toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'ratelimited' },
    });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('can answer an HTTP 500 once', async () => {
    fake.httpErrorNext('chat.postMessage');
    const error = await platformError(client.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(error?.code).toBe('slack_webapi_http_error');
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('can answer HTTP 429 with Retry-After, as Slack rate-limits', async () => {
    const strict = new webApi.WebClient(TEST_BOT_TOKEN, {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: webApi.LogLevel.ERROR,
    });
    fake.rateLimitNext('chat.postMessage', 30);
    const error = (await strict.chat
      .postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e)) as {
      code?: string;
      retryAfter?: number;
    };
    expect(error).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
    await expect(strict.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('takes function overrides for a number of calls', async () => {
    fake.override(
      'users.info',
      (call) => ({ body: { ok: true, user: { id: call.args.user, tz: 'Asia/Tokyo' } } }),
      { times: 2 },
    );
    for (let i = 0; i < 2; i += 1) {
      expect((await client.users.info({ user: 'U9' })).user?.tz).toBe('Asia/Tokyo');
    }
    expect((await client.users.info({ user: 'U9' })).user?.tz).toBe('America/New_York');
  });

  it('rejects over-limit Block Kit like Slack does, and verify() reports it', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
    const error = await platformError(
      client.chat.postMessage({ channel: 'C1', text: 'x', blocks }),
    );
    expect(error?.data?.error).toBe('invalid_blocks');
    expect(error?.data?.errors).toEqual([
      'no more than 50 blocks allowed (has 51) [json-pointer:/blocks]',
    ]);
    expect(() => fake.verify()).toThrow(/json|blocks/);
  });

  it('rejects a message without fallback text as invalid_arguments', async () => {
    const error = await platformError(
      client.chat.postMessage({ channel: 'C1', blocks: [{ type: 'divider' }] }),
    );
    expect(error?.data?.error).toBe('invalid_arguments');
  });

  it('records response_url posts and can fail one', async () => {
    const url = fake.responseUrl('cmd-1');
    const post = (text: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
    fake.failNextResponse(404);
    expect((await post('first')).status).toBe(404);
    expect((await post('second')).status).toBe(200);
    expect(fake.responses()).toEqual([
      { path: '/response/cmd-1', body: { text: 'first' } },
      { path: '/response/cmd-1', body: { text: 'second' } },
    ]);
  });

  it('waits for calls made later', async () => {
    const waiting = fake.waitForCalls('chat.postMessage', 2);
    await client.chat.postMessage({ channel: 'C1', text: '1' });
    await client.chat.postMessage({ channel: 'C1', text: '2' });
    expect((await waiting).map((c) => c.args.text)).toEqual(['1', '2']);
  });
});

describe('parseArgs', () => {
  it('decodes form bodies, keeping scalars as the strings sent', () => {
    const raw = new URLSearchParams({
      view: '{"type":"modal"}',
      count: '3',
      text: '[not json',
    }).toString();
    expect(parseArgs(raw, 'application/x-www-form-urlencoded')).toEqual({
      view: { type: 'modal' },
      count: '3',
      text: '[not json',
    });
  });

  it('decodes JSON bodies', () => {
    expect(parseArgs('{"a":{"b":1}}', 'application/json; charset=utf-8')).toEqual({ a: { b: 1 } });
  });
});
