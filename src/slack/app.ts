// Builds the Bolt app from explicit dependencies and options. It never reads the environment
// and never listens: the composition root (or a test) decides where it runs.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  App,
  type AppOptions,
  type CodedError,
  type CustomRoute,
  ErrorCode,
  HTTPReceiver,
  LogLevel,
  type Receiver,
} from '@slack/bolt';
import type { Health } from '../app/health.ts';
import { sharedSignatureLog } from '../app/request-signatures.ts';
import { isDatabaseLocked } from '../app/use-case-tx.ts';
import { countingFetch } from '../telemetry/metrics.ts';
import { type BotIdentity, botIdentityLookup } from './bot-identity.ts';
import type { SlackDeps } from './deps.ts';
import { HEALTHZ_PATH } from './ids.ts';
import { registerListeners } from './listeners/index.ts';
import { routeOptionsLoads } from './options-router.ts';
import { dispatchAfterAck } from './post-ack.ts';
import { requestGuard, SeenSignatures, sharedSignatures, signedHeaders } from './request-guard.ts';
import { interactionLog } from './telemetry.ts';

export interface SlackAppOptions {
  /** Bot token (`xoxb-…`). */
  readonly token: string;
  /** Required in HTTP mode; Socket Mode does not verify signatures itself. */
  readonly signingSecret?: string;
  readonly socketMode?: boolean;
  /** App-level token (`xapp-…`) for Socket Mode. */
  readonly appToken?: string;
  /** `slackApiUrl` (every Web API call goes there), `retryConfig`, `fetch`, … */
  readonly clientOptions?: NonNullable<AppOptions['clientOptions']>;
  readonly customRoutes?: readonly CustomRoute[];
  /** Defer the HTTP response until listeners finish (deterministic tests, FaaS). */
  readonly processBeforeResponse?: boolean;
  /** Known bot ids skip Bolt's start-up `auth.test` call. */
  readonly botId?: string;
  readonly botUserId?: string;
  /** The installed workspace; when absent it is asked from `auth.test` (requests from any
   * other team are refused). */
  readonly teamId?: string;
  /** Socket Mode only: the port for customRoutes such as /healthz. */
  readonly port?: number;
  /** A receiver built by `socketModeReceiver` (reconnecting is ours), or the post-ack
   * thread's idle one (it is handed bodies the main thread received, ADR 201). */
  readonly receiver?: Receiver;
  readonly logLevel?: LogLevel;
}

export function createSlackApp(deps: SlackDeps, options: SlackAppOptions): App {
  // One auth.test for the app's lifetime (asked again only after a failure), read lazily.
  const identity = botIdentityLookup(() => app.client.auth.test({ token: options.token }));
  const app = new App(toBoltOptions(deps, options, identity));
  app.error(globalErrorHandler(deps, options));
  const teamId = options.teamId;
  const installedTeamId =
    teamId === undefined ? async () => (await identity()).teamId : async () => teamId;
  // Asked at start-up like Bolt's own auth.test; a failure is retried on the next request.
  if (teamId === undefined) void installedTeamId().catch(() => undefined);
  app.use(interactionLog(deps.logger));
  const shared = sharedSignatureLog(deps, {
    warn: (message, error) => deps.logger.warn(message, ...(error === undefined ? [] : [error])),
  });
  const seen = sharedSignatures(new SeenSignatures(), shared);
  app.use(requestGuard({ installedTeamId, seen }));
  // Only what passed the guard is acknowledged and handed to the post-ack thread.
  if (deps.postAck !== undefined) app.use(dispatchAfterAck(deps.postAck));
  // Options loads that passed the guard are answered by action id, not through Bolt's
  // listeners (ADR 360).
  registerListeners(app, deps, routeOptionsLoads(app));
  return app;
}

function toBoltOptions(
  deps: SlackDeps,
  options: SlackAppOptions,
  identity: () => Promise<BotIdentity>,
): AppOptions {
  // Built key by key: exactOptionalPropertyTypes forbids passing `undefined` for absent options.
  const bolt: AppOptions = {
    logger: deps.logger,
    logLevel: options.logLevel ?? LogLevel.INFO,
    extendedErrorHandler: true,
    // Nothing reads Bolt's conversation store; its middleware ran on every request anyway.
    convoStore: false,
    // Not `token`: Bolt's start-up auth.test keeps its promise (with Slack unreachable at start
    // it rejected unhandled and killed the process), and its deferred variant asks auth.test on
    // every request. Our authorize asks once, when the first request needs it (bot-identity.ts).
    authorize: botAuthorize(options, identity),
    socketMode: options.socketMode ?? false,
    processBeforeResponse: options.processBeforeResponse ?? false,
    customRoutes: [...(options.customRoutes ?? [])],
  };
  if (options.signingSecret !== undefined) bolt.signingSecret = options.signingSecret;
  // HTTP mode gets its receiver built here only to hand the signed headers to the request guard
  // (replay check); Bolt still verifies every signature itself.
  if (options.signingSecret !== undefined && bolt.socketMode !== true) {
    bolt.receiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      logger: deps.logger,
      processBeforeResponse: bolt.processBeforeResponse ?? false,
      customRoutes: [...(options.customRoutes ?? [])],
      customPropertiesExtractor: signedHeaders,
    });
  }
  if (options.receiver !== undefined) bolt.receiver = options.receiver;
  if (options.appToken !== undefined) bolt.appToken = options.appToken;
  if (options.clientOptions !== undefined) bolt.clientOptions = { ...options.clientOptions };
  if (deps.metrics !== undefined) {
    const inner = (bolt.clientOptions?.fetch ?? globalThis.fetch) as typeof fetch;
    bolt.clientOptions = { ...bolt.clientOptions, fetch: countingFetch(deps.metrics, inner) };
  }
  if (options.port !== undefined) bolt.port = options.port;
  return bolt;
}

/** Bolt's authorize for our one bot token: known bot ids, else the memoised auth.test. */
function botAuthorize(options: SlackAppOptions, identity: () => Promise<BotIdentity>) {
  const { token: botToken, botId, botUserId } = options;
  return async ({ isEnterpriseInstall }: { isEnterpriseInstall?: boolean }) => {
    const ids =
      botId !== undefined && botUserId !== undefined ? { botId, botUserId } : await identity();
    return {
      botToken,
      ...(isEnterpriseInstall !== undefined && { isEnterpriseInstall }),
      ...(ids.botId !== undefined && { botId: ids.botId }),
      ...(ids.botUserId !== undefined && { botUserId: ids.botUserId }),
    };
  };
}

/** Told when another process (an import, say) kept the ledger locked for longer than we wait. */
export const LEDGER_BUSY_ERROR =
  'The ledger is busy: another process (probably an import) is writing to it. Nothing was changed; please try again in a minute.';

export const USER_FACING_ERROR =
  'Sorry, something went wrong on our side while handling that. Please try again; if it keeps happening, give your admin this reference:';

/**
 * One place for unexpected errors (programmer errors, SQLite busy, Slack `ok:false`): log them
 * with enough context to find the request, and tell the user something short with a reference,
 * never the error text or a stack trace.
 */
function globalErrorHandler(deps: SlackDeps, options: SlackAppOptions) {
  const fetchFn = options.clientOptions?.fetch ?? globalThis.fetch;
  return async ({
    error,
    body,
    context,
  }: {
    error: Error;
    body: unknown;
    context?: object;
  }): Promise<void> => {
    // A refused request (request guard) is logged without a reply and rethrown so the receiver
    // answers 401; its response_url is not trusted.
    if ((error as Partial<CodedError>).code === ErrorCode.AuthorizationError) {
      deps.logger.warn(`refused ${describeRequest(body)}: ${error.message}`);
      throw error;
    }
    // The interaction's log event carries the same id, so a reference a user reads out finds it.
    const known = (context as { requestId?: unknown } | undefined)?.requestId;
    const reference = typeof known === 'string' ? known : randomUUID().slice(0, 8);
    deps.logger.error(
      { event: 'slack.error', requestId: reference },
      `[${reference}] unhandled error in listener ${describeRequest(body)}: ${error.message}`,
      error,
    );
    const responseUrl = (body as { response_url?: unknown }).response_url;
    if (typeof responseUrl !== 'string') return;
    try {
      await fetchFn(responseUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          response_type: 'ephemeral',
          replace_original: false,
          text: isDatabaseLocked(error)
            ? `${LEDGER_BUSY_ERROR} \`${reference}\``
            : `${USER_FACING_ERROR} \`${reference}\``,
        }),
      });
    } catch (notifyError) {
      deps.logger.warn(`[${reference}] could not tell the user about the error`, notifyError);
    }
  };
}

/** `type=block_actions user=U1 team=T1 action=approve` — ids only, never payload values. */
export function describeRequest(body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>;
  const nested = (key: string): unknown => (b[key] as { id?: unknown } | undefined)?.id;
  const actions = Array.isArray(b.actions) ? (b.actions as { action_id?: unknown }[]) : [];
  const view = b.view as { callback_id?: unknown } | undefined;
  const event = b.event as { type?: unknown } | undefined;
  const parts: Record<string, unknown> = {
    type: b.type ?? (b.command === undefined ? undefined : 'slash_command'),
    command: b.command,
    user: b.user_id ?? nested('user'),
    team: b.team_id ?? nested('team'),
    callback: view?.callback_id,
    action: actions[0]?.action_id,
    event: event?.type,
  };
  return Object.entries(parts)
    .filter(([, value]) => typeof value === 'string' && value !== '')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}

/**
 * `GET /healthz`: 200 `{"ok":true}` when the database takes a write, else 503 with the reason
 * (`{"ok":false,"reason":"…"}`), so process managers can wait and operators see why.
 */
export function healthzRoute(health: () => Health): CustomRoute {
  return {
    path: HEALTHZ_PATH,
    method: ['GET'],
    handler: (_req, res) => writeHealth(res, health()),
  };
}

export function writeHealth(res: ServerResponse, health: Health): void {
  res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify(health));
}
