// The main thread acknowledges and dispatches (ADR 201): an interaction whose listener only acks
// (with nothing) and then works — a bare `/writeoff`, whose modal needs views.open, a draft
// write and views.update — is acknowledged here and handed, as its verified body, to the
// post-ack thread, which runs the very same listener there. Nobody's ack waits behind that work.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { SLASH_COMMAND } from './ids.ts';
import { type HandedOverRequest, handOverInteractionLog } from './telemetry.ts';

/** Where acknowledged interactions go; the composition root wires the worker thread. */
export interface PostAckDispatcher {
  /** False while the thread is not (or no longer) running: the listener then runs here. */
  readonly ready: () => boolean;
  /** `request`: its id and start, under which the thread logs the request's one line. */
  dispatch(body: unknown, request: HandedOverRequest): void;
}

/**
 * A trigger id lives 3 s from when Slack sent it. A handed-over command that waited longer than
 * this in the thread's queue (an overloaded machine) cannot open its modal any more; the thread
 * tells the user so instead of spending two Web API calls and a draft on a certain failure.
 */
export const TRIGGER_USABLE_MS = 2500;

export const TOO_BUSY_TO_OPEN =
  'The bot was too busy to open the form within the 3 seconds Slack allows. Nothing was changed; please run the command again.';

/** True when a command handed over at `dispatchedAtMs` can no longer open a modal. */
export function triggerExpired(dispatchedAtMs: number, nowMs: number): boolean {
  return nowMs - dispatchedAtMs > TRIGGER_USABLE_MS;
}

/**
 * Interactions handed over after the ack: only those whose listener acks with nothing before it
 * does anything else, so acknowledging here answers Slack exactly as the listener would.
 */
export function handedOverAfterAck(body: unknown): boolean {
  const b = body as { command?: unknown; text?: unknown };
  return b.command === SLASH_COMMAND && typeof b.text === 'string' && b.text.trim() === '';
}

/** Bolt global middleware, after the request guard: ack, dispatch, and stop here. */
export function dispatchAfterAck(postAck: PostAckDispatcher): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next } = args;
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack === undefined || !handedOverAfterAck(body) || !postAck.ready()) {
      await next();
      return;
    }
    await ack();
    // The thread logs this request's one interaction line when its listener is done (ADR 330).
    postAck.dispatch(body, handOverInteractionLog(context));
  };
}
