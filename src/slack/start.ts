// Starts the Slack side in the mode the configuration selects (HTTP, Socket Mode, or no
// credentials), with /healthz and /metrics beside it. The composition root calls startSlack once.
import { createServer, type Server } from 'node:http';
import { checkHealth, type Health } from '../app/health.ts';
import type { Config } from '../config/env.ts';
import { createSlackApp, healthzRoute, writeHealth } from './app.ts';
import type { SlackDeps } from './deps.ts';
import { HEALTHZ_PATH } from './ids.ts';
import { slackClientOptions } from './notifier.ts';
import type { SlackReachability } from './reachability.ts';
import { keepConnected, socketModeReceiver } from './socket-mode.ts';
import { metricsRoute, observeAcks } from './telemetry.ts';

export interface RunningSlack {
  readonly mode: Config['slack']['kind'];
  /** The port /healthz (and /slack/events in HTTP mode) is served on. */
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts the product's Slack side in the mode the configuration selects (HTTP, Socket Mode, or
 * no credentials: only /healthz, see ADR 020). The composition root calls this once.
 */
export async function startSlack(
  config: Config,
  slackDeps: SlackDeps,
  listen: { readonly host?: string; readonly reachability?: SlackReachability } = {},
): Promise<RunningSlack> {
  const { reachability } = listen;
  // The SDK's per-call failure lines are said once per outage by `reachability` instead.
  const deps = reachability ? { ...slackDeps, logger: reachability.sdkLogger() } : slackDeps;
  const health = () => checkHealth(deps);
  const slack = config.slack;
  const base = {
    clientOptions: slackClientOptions(config.slackApiUrl, reachability?.fetch),
    customRoutes: [
      healthzRoute(health),
      ...(deps.metrics === undefined ? [] : [metricsRoute(deps.metrics)]),
    ],
  };
  if (slack.kind === 'http') {
    const app = createSlackApp(deps, {
      ...base,
      token: slack.botToken,
      signingSecret: slack.signingSecret,
    });
    const server = await app.start({
      port: config.port,
      ...(listen.host && { host: listen.host }),
    });
    if (deps.metrics !== undefined) observeAcks(server, deps.metrics);
    return { mode: 'http', port: portOf(server), stop: async () => void (await app.stop()) };
  }
  if (slack.kind === 'socket') {
    // /healthz is served at once; the WebSocket is connected in the background and again after
    // each drop, so start-up never waits for Slack (src/slack/socket-mode.ts).
    const receiver = socketModeReceiver({
      ...base,
      appToken: slack.appToken,
      logger: deps.logger,
      port: config.port,
    });
    const app = createSlackApp(deps, {
      ...base,
      token: slack.botToken,
      socketMode: true,
      appToken: slack.appToken,
      receiver,
    });
    const connection = keepConnected(app, receiver, deps.logger);
    return { mode: 'socket', port: config.port, stop: () => connection.stop() };
  }
  // No Bolt app without credentials (ADR 020): a bare server keeps /healthz answering.
  const server = await startHealthOnlyServer(config.port, health, listen.host);
  return { mode: 'none', port: portOf(server), stop: () => closeServer(server) };
}

/** Without Slack credentials there is no Bolt app; a bare server keeps /healthz answering. */
export function startHealthOnlyServer(
  port: number,
  health: () => Health,
  host?: string,
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === HEALTHZ_PATH) return writeHealth(res, health());
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`Slack is not configured. ${SLACK_SETUP_HINT}\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, ...(host === undefined ? {} : { host }) }, () => resolve(server));
  });
}

export const SLACK_SETUP_HINT =
  'Create the Slack app from manifest.yml and set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) and WRITEOFF_APPROVALS_CHANNEL; see docs/slack-setup.md and .env.example.';

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
  });
}
