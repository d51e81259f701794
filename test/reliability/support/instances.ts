// Real bot instances for the multi-instance suites: `npm start` (src/start.mjs, src/main.ts), in
// HTTP mode with Slack credentials pointing at the fake Web API, on a port of its own and the
// PostgreSQL database of DATABASE_URL. The test reads the port from the start-up line and the
// instance's JSON log lines from stdout.
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../../support/slack-request.ts';
import { exited } from './children.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
export const APPROVALS_CHANNEL = 'C0APPROVALS';
/** The first start builds the bundle (ADR 270); on a loaded 2-core machine that takes a while. */
const START_TIMEOUT_MS = 90_000;

export interface Instance {
  readonly name: string;
  readonly origin: string;
  readonly child: ChildProcess;
  /** Everything it printed so far (JSON log lines). */
  log(): string;
  /** Log lines of unhandled listener errors (the user was told "something went wrong"). */
  errors(): string[];
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `npm start` on `databaseUrl` and resolves once /healthz answers. */
export async function startInstance(
  name: string,
  databaseUrl: string,
  slackApiUrl: string,
): Promise<Instance> {
  const child = spawn(process.execPath, [join(ROOT, 'src/start.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_APP_TOKEN: '',
      WRITEOFF_APPROVALS_CHANNEL: APPROVALS_CHANNEL,
      SLACK_API_URL: slackApiUrl,
      WRITEOFF_DEMO: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const log = () => chunks.join('');
  const port = await new Promise<string>((done, fail) => {
    const timer = setInterval(() => {
      const match = /\/healthz on port (\d+)/.exec(log());
      if (match?.[1] !== undefined) finish(() => done(match[1] as string));
      else if (child.exitCode !== null || child.signalCode !== null)
        finish(() => fail(new Error(`instance ${name} exited: ${log().slice(-2000)}`)));
    }, 50);
    const deadline = setTimeout(
      () => finish(() => fail(new Error(`instance ${name} did not start: ${log().slice(-2000)}`))),
      START_TIMEOUT_MS,
    );
    const finish = (then: () => void) => {
      clearInterval(timer);
      clearTimeout(deadline);
      then();
    };
  });
  const origin = `http://127.0.0.1:${port}`;
  const health = await fetch(`${origin}/healthz`);
  if (health.status !== 200)
    throw new Error(`instance ${name}: /healthz ${health.status} ${await health.text()}\n${log()}`);
  return {
    name,
    origin,
    child,
    log,
    errors: () =>
      log()
        .split('\n')
        .filter((line) => line.includes('unhandled error in listener')),
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
