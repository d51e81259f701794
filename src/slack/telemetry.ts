// What the Slack edge reports to operators (docs/operations.md): the time to acknowledge each
// request by interaction type, one log event per interaction with a request id that is also the
// error reference a user sees, and GET /metrics.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AnyMiddlewareArgs, CustomRoute, Logger, Middleware } from '@slack/bolt';
import type { Metrics } from '../telemetry/metrics.ts';
import { EVENTS_PATH, METRICS_PATH } from './ids.ts';

type Buffered = IncomingMessage & { rawBody?: Buffer };

/** `slash_command`, `block_actions`, `view_submission`, `block_suggestion`, `event`, … */
export function interactionOf(rawBody: string): string {
  if (rawBody.startsWith('{')) {
    try {
      const json = JSON.parse(rawBody) as { type?: unknown; event?: { type?: unknown } };
      return json.type === 'event_callback' ? 'event' : String(json.type ?? 'unknown');
    } catch {
      return 'unknown';
    }
  }
  const form = new URLSearchParams(rawBody);
  const payload = form.get('payload');
  if (payload !== null) {
    try {
      return String((JSON.parse(payload) as { type?: unknown }).type ?? 'unknown');
    } catch {
      return 'unknown';
    }
  }
  return form.has('command') ? 'slash_command' : 'unknown';
}

/**
 * Observes, per Slack request, the time from arrival to the HTTP answer (the ack). The request is
 * labelled from the body Bolt buffered once the answer is sent, off the way to the ack (ADR 281).
 */
export function observeAcks(server: Server, metrics: Metrics): void {
  server.on('request', (request: Buffered, response) => {
    if (!(request.url ?? '').startsWith(EVENTS_PATH)) return;
    const startedAt = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      metrics.observeAck(interactionOf(request.rawBody?.toString('utf8') ?? ''), seconds);
    });
  });
}

/** `GET /metrics` in Prometheus text format. */
export function metricsRoute(metrics: Metrics): CustomRoute {
  return {
    path: METRICS_PATH,
    method: ['GET'],
    handler: (_req, res) => {
      metrics.render().then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.contentType });
          res.end(text);
        },
        () => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('metrics unavailable\n');
        },
      );
    },
  };
}

/**
 * A request the main thread acknowledged and handed to the post-ack thread (ADR 201) keeps its
 * request id and start there, so the request logs ONE `slack.interaction` line, written by the
 * thread when the listener has finished (ADR 330). Carried in Bolt's context (customProperties).
 */
export interface HandedOverRequest {
  readonly requestId: string;
  /** `process.hrtime.bigint()` when the main thread began it: one monotonic clock per process. */
  readonly startedAtNs: bigint;
}

/** Context keys: the hand-over record (in the thread) and the main thread's "handed over". */
const HANDED_OVER = 'handedOverRequest';
const LOGGED_ELSEWHERE = 'interactionLoggedByPostAckThread';

/**
 * Marks the request as handed over: this thread writes no line for it, the post-ack thread does.
 * Returns what that line needs (the id the error handler would show, and when it began).
 */
export function handOverInteractionLog(context: Record<string, unknown>): HandedOverRequest {
  context[LOGGED_ELSEWHERE] = true;
  const startedAtNs = context.interactionStartedAtNs;
  return {
    requestId: typeof context.requestId === 'string' ? context.requestId : newRequestId(),
    startedAtNs: typeof startedAtNs === 'bigint' ? startedAtNs : process.hrtime.bigint(),
  };
}

/** Bolt's `customProperties` for a handed-over request run by the post-ack thread. */
export const handedOverProperties = (request: HandedOverRequest) => ({ [HANDED_OVER]: request });

const newRequestId = () => randomUUID().slice(0, 8);

/**
 * One log event per interaction: ids only (type, command/callback/action id, user, team), never
 * values the user typed. The request id goes into the context, where the error handler takes it
 * as the reference it shows the user, so a support question finds its log line. A request handed
 * to the post-ack thread is logged there, once, under the id it got here (ADR 330).
 */
export function interactionLog(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const handed = context[HANDED_OVER] as HandedOverRequest | undefined;
    const requestId = handed?.requestId ?? newRequestId();
    const startedAt = handed?.startedAtNs ?? process.hrtime.bigint();
    context.requestId = requestId;
    context.interactionStartedAtNs = startedAt;
    let outcome: 'ok' | 'error' = 'ok';
    try {
      await next();
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      if (context[LOGGED_ELSEWHERE] !== true) {
        logInteraction(logger, body, { requestId, startedAtNs: startedAt }, outcome);
      }
    }
  };
}

/**
 * The `slack.interaction` event; `outcome` is `ok`, `error`, or `shed` (the post-ack thread gave
 * up on a command that waited past its trigger id, ADR 201).
 */
export function logInteraction(
  logger: Logger,
  body: unknown,
  request: HandedOverRequest,
  outcome: 'ok' | 'error' | 'shed',
): void {
  const ms = Number(process.hrtime.bigint() - request.startedAtNs) / 1e6;
  const event = {
    event: 'slack.interaction',
    requestId: request.requestId,
    outcome,
    ms: Math.round(ms),
  };
  logger.info(withIds(event, body));
}

/** `fields` with the interaction's ids that are strings; built field by field, once per request. */
function withIds(fields: Record<string, unknown>, body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  const id = (key: string) => (b[key] as { id?: unknown } | undefined)?.id;
  const actions = Array.isArray(b.actions) ? (b.actions as { action_id?: unknown }[]) : [];
  const put = (key: string, value: unknown) => {
    if (typeof value === 'string') fields[key] = value;
  };
  put('interaction', b.type ?? (b.command === undefined ? undefined : 'slash_command'));
  put('command', b.command);
  put('callbackId', (b.view as { callback_id?: unknown } | undefined)?.callback_id);
  put('actionId', actions[0]?.action_id);
  put('eventType', (b.event as { type?: unknown } | undefined)?.type);
  put('user', b.user_id ?? id('user'));
  put('team', b.team_id ?? id('team'));
  return fields;
}
