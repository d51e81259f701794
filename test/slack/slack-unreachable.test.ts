// Slack out of reach, as an operator meets it: the real process (`node src/main.ts`, as
// `npm start` runs it) in Socket Mode against an address where nothing speaks HTTP. It logs
// "started" while /healthz says ok, says once which host is unreachable, keeps trying in the
// background without a line per call and without a stack trace. SlackReachability itself:
// one line when Slack stops answering, one when it answers again.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SlackReachability } from '../../src/slack/reachability.ts';
import { type CapturedLog, capturingLogger } from '../support/slack-app.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-unreachable-'));
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Slack unreachable', () => {
  it('Socket Mode: "started", /healthz ok, one line naming the host, retries in silence', async () => {
    // Accepts each connection and drops it at once: every call to "Slack" fails, and each
    // attempt is counted.
    let attempts = 0;
    const slack = createTcpServer((socket) => {
      attempts += 1;
      socket.destroy();
    });
    const slackPort = await listen(slack);
    cleanups.push(() => slack.close());
    const probe = createTcpServer();
    const port = await listen(probe);
    await new Promise((r) => probe.close(r));

    let output = '';
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_APP_TOKEN: 'xapp-test',
        WRITEOFF_APPROVALS_CHANNEL: 'C0123ABCD',
        WRITEOFF_DB: join(dir, 'writeoff.db'),
        WRITEOFF_DEMO: 'off',
        PORT: String(port),
        SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      },
    });
    cleanups.push(() => child.kill('SIGKILL'));
    child.stdout?.on('data', (d) => {
      output += String(d);
    });
    child.stderr?.on('data', (d) => {
      output += String(d);
    });

    await until(() => output.includes('started:'), '"started"');
    await until(async () => {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      return health?.status === 200;
    }, '/healthz');
    // Several connection attempts, one line about them.
    await until(() => attempts >= 4, 'four attempts to reach Slack');
    expect(child.exitCode).toBeNull();
    const unreachable = output.split('\n').filter((l) => l.includes('Slack is unreachable'));
    // npm start logs JSON lines (docs/operations.md): one warning, naming the host.
    expect(unreachable).toHaveLength(1);
    expect(JSON.parse(unreachable[0] ?? '{}')).toMatchObject({
      level: 'warn',
      msg: expect.stringContaining(`Slack is unreachable at 127.0.0.1:${slackPort} (`),
    });
    expect(output).not.toContain('http request failed');
    expect(output).not.toContain('Failed to retrieve');
    expect(output).not.toMatch(/^\s+at /m);
    child.kill('SIGTERM');
  }, 60_000);

  it('says once that Slack is unreachable, however many calls fail, and once that it answers again', async () => {
    let up = false;
    const server = createHttpServer((req, res) => {
      if (!up) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const port = await listen(server);
    cleanups.push(() => server.close());
    const logs: CapturedLog[] = [];
    const reach = new SlackReachability(`http://127.0.0.1:${port}/api/`, capturingLogger(logs));
    const call = () =>
      reach.fetch(`http://127.0.0.1:${port}/api/auth.test`).then(
        (r) => r.status,
        () => 'failed',
      );
    expect([await call(), await call(), await call()]).toEqual(['failed', 'failed', 'failed']);
    up = true;
    expect([await call(), await call()]).toEqual([200, 200]);
    up = false;
    expect(await call()).toBe('failed');
    expect(logs.map((l) => l.message)).toEqual([
      expect.stringMatching(new RegExp(`Slack is unreachable at 127\\.0\\.0\\.1:${port} \\(`)),
      expect.stringContaining(`Slack answers again at 127.0.0.1:${port}`),
      expect.stringMatching(/Slack is unreachable/),
    ]);
  });

  it('the logger handed to the SDK drops its per-call failure lines only while Slack is down', async () => {
    const logs: CapturedLog[] = [];
    let fail = true;
    const reach = new SlackReachability(
      'https://slack.com/api/',
      capturingLogger(logs),
      async () => {
        if (fail) throw new TypeError('fetch failed');
        return new Response('{}');
      },
    );
    const sdk = reach.sdkLogger();
    sdk.warn('http request failed', 'fetch failed');
    await reach.fetch('https://slack.com/api/x').catch(() => undefined);
    sdk.warn('http request failed', 'fetch failed');
    sdk.error('Failed to retrieve a new WSS URL (error: x)');
    sdk.warn('something else');
    fail = false;
    await reach.fetch('https://slack.com/api/x');
    expect(logs.map((l) => l.message)).toEqual([
      expect.stringContaining('http request failed'),
      expect.stringContaining('Slack is unreachable at slack.com (fetch failed)'),
      expect.stringContaining('something else'),
      expect.stringContaining('Slack answers again at slack.com'),
    ]);
  });
});
