// The post-ack thread's Web API transport (src/slack/http-fetch.ts) against a real HTTP server
// on 127.0.0.1, through the real Web API client: what the client reads is what the global fetch
// gives it, and failures reach it as failures.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from '../../src/slack/http-fetch.ts';

interface Received {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

let servers: (Server | ReturnType<typeof createTcpServer>)[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
  servers = [];
});

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<string> {
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/api/`;
}

/** A Web API stand-in answering every call with `reply`, noting what it received. */
async function slackAnswering(
  reply: (received: Received) => { status: number; headers?: Record<string, string>; body: string },
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const url = await listen(
    createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        const call = { url: req.url ?? '', headers: req.headers, body };
        received.push(call);
        const answer = reply(call);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body);
      });
    }),
  );
  return { url, received };
}

const clientOn = (url: string) =>
  new webApi.WebClient('xoxb-test', {
    slackApiUrl: url,
    retryConfig: { retries: 0 },
    fetch: nodeHttpFetch(),
  });

describe('the post-ack thread’s Web API transport', () => {
  it('sends the form body and headers the client builds and hands back Slack’s answer', async () => {
    const slack = await slackAnswering(() => ({
      status: 200,
      body: JSON.stringify({ ok: true, view: { id: 'V1', hash: 'h1' } }),
    }));
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Hi' },
      blocks: [],
    };
    const opened = await clientOn(slack.url).views.open({ trigger_id: 'T.1', view });
    expect(opened.view).toEqual({ id: 'V1', hash: 'h1' });
    const [call] = slack.received;
    expect(call?.url).toBe('/api/views.open');
    expect(call?.headers.authorization).toBe('Bearer xoxb-test');
    const form = new URLSearchParams(call?.body);
    expect(form.get('trigger_id')).toBe('T.1');
    expect(JSON.parse(form.get('view') ?? '')).toEqual(view);
  });

  it('reuses its connection for the calls that follow', async () => {
    const slack = await slackAnswering(() => ({ status: 200, body: '{"ok":true}' }));
    const client = clientOn(slack.url);
    await client.auth.test();
    await client.auth.test();
    expect(slack.received.map((call) => call.headers.connection)).toEqual([
      'keep-alive',
      'keep-alive',
    ]);
  });

  it('lets the client see ok:false as the Slack error it is', async () => {
    const slack = await slackAnswering(() => ({
      status: 200,
      body: '{"ok":false,"error":"expired_trigger_id"}',
    }));
    await expect(
      clientOn(slack.url).views.open({
        trigger_id: 'T.1',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    ).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { error: 'expired_trigger_id' },
    });
  });

  it('reports an HTTP error status, and a rate limit with its Retry-After', async () => {
    const failing = await slackAnswering(() => ({ status: 500, body: 'down' }));
    await expect(clientOn(failing.url).auth.test()).rejects.toMatchObject({
      code: webApi.ErrorCode.HTTPError,
      statusCode: 500,
    });
    const limited = await slackAnswering(() => ({
      status: 429,
      headers: { 'retry-after': '7' },
      body: '{"ok":false}',
    }));
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: limited.url,
      rejectRateLimitedCalls: true,
      fetch: nodeHttpFetch(),
    });
    await expect(client.auth.test()).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
  });

  it('fails a call when nothing answers, naming the cause as fetch does', async () => {
    const closed = createTcpServer();
    const url = await listen(closed);
    await new Promise((done) => closed.close(done));
    servers = servers.filter((server) => server !== closed);
    const failure = await nodeHttpFetch()(`${url}auth.test`, {
      method: 'POST',
      body: '',
      redirect: 'error',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as Error).message).toBe('fetch failed');
    expect(((failure as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('gives up when the call’s time runs out', async () => {
    const silent = createTcpServer((socket) => sockets.push(socket));
    const url = await listen(silent);
    const failure = await nodeHttpFetch()(`${url}auth.test`, {
      method: 'POST',
      body: '',
      redirect: 'error',
      signal: AbortSignal.timeout(50),
    }).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('TimeoutError');
  });

  it('refuses a redirect, as fetch does with redirect: error', async () => {
    const slack = await slackAnswering(() => ({
      status: 302,
      headers: { location: 'http://127.0.0.1:9/elsewhere' },
      body: '',
    }));
    const failure = await nodeHttpFetch()(`${slack.url}auth.test`, {
      method: 'POST',
      body: '',
      redirect: 'error',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
  });

  it('leaves what it does not do the same way (a multipart upload) to the fallback', async () => {
    const seen: string[] = [];
    const fallback: webApi.FetchFunction = async (url) => {
      seen.push(String(url));
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    };
    const body = new FormData();
    body.set('file', new Blob(['a,b']), 'x.csv');
    await nodeHttpFetch(fallback)('http://127.0.0.1:9/api/files.upload', {
      method: 'POST',
      body,
      redirect: 'error',
    });
    expect(seen).toEqual(['http://127.0.0.1:9/api/files.upload']);
  });
});
