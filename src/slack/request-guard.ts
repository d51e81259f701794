// Checks every request after Bolt has verified its signature and before any listener runs
// (docs/decisions/106-request-guard.md, 200-deferred-signature-write.md): the timestamp is not
// in the future, the signature was not seen before, and the request comes from the workspace
// the bot is installed in. A refused request never reaches a listener; the receiver answers 401.
import {
  type AnyMiddlewareArgs,
  AuthorizationError,
  type BufferedIncomingMessage,
  type Middleware,
} from '@slack/bolt';

/** Slack signs a request with the time it sent it; Bolt refuses anything older than this. */
export const REQUEST_MAX_AGE_SEC = 5 * 60;
/** The same window into the future: clocks drift, but not by more than this. */
export const REQUEST_MAX_FUTURE_SEC = 5 * 60;

/** Context keys the HTTP receiver adds (not Bolt built-ins, which it forbids overriding). */
interface SignedContext {
  readonly slackRequestTimestamp?: unknown;
  readonly slackSignature?: unknown;
}

/** For HTTPReceiver's `customPropertiesExtractor`: the signed headers, for the replay check. */
export function signedHeaders(request: BufferedIncomingMessage): Record<string, string> {
  const header = (name: string): string => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  return {
    slackRequestTimestamp: header('x-slack-request-timestamp'),
    slackSignature: header('x-slack-signature'),
  };
}

/** Remembers request signatures; `firstSeen` is false for a replay. */
export interface SignatureMemory {
  firstSeen(signature: string, timestampSec: number, nowSec: number): boolean;
}

/**
 * Signatures seen in this process, each kept until its timestamp leaves the replay window (after
 * which Bolt refuses the request as too old anyway). One process only: see the ADR.
 */
export class SeenSignatures implements SignatureMemory {
  readonly #expiresAtSec = new Map<string, number>();
  #nextSweepSec = 0;

  /** True the first time a signature is offered; false for a replay within its window. */
  firstSeen(signature: string, timestampSec: number, nowSec: number): boolean {
    this.#sweep(nowSec);
    const known = this.#expiresAtSec.get(signature);
    if (known !== undefined && known >= nowSec) return false;
    this.#expiresAtSec.set(signature, timestampSec + REQUEST_MAX_AGE_SEC);
    return true;
  }

  get size(): number {
    return this.#expiresAtSec.size;
  }

  #sweep(nowSec: number): void {
    if (nowSec < this.#nextSweepSec) return;
    for (const [signature, expiresAtSec] of this.#expiresAtSec) {
      if (expiresAtSec < nowSec) this.#expiresAtSec.delete(signature);
    }
    this.#nextSweepSec = nowSec + 30;
  }
}

/** The memory every process on the database shares (src/app/request-signatures.ts). */
export interface SharedSignatures {
  /** A read that never waits; false when the database cannot tell. */
  seen(signature: string, nowSec: number): boolean;
  /** Made durable soon after (in one batch per event-loop turn), not before the ack. */
  record(signature: string, expiresAtSec: number): void;
}

/**
 * This process's memory, then the one every process on the database shares (ADR 200): both
 * are read before the request goes on; the shared write is queued, off the way to the ack.
 */
export function sharedSignatures(
  local: SignatureMemory,
  shared: SharedSignatures,
): SignatureMemory {
  return {
    firstSeen(signature, timestampSec, nowSec) {
      if (!local.firstSeen(signature, timestampSec, nowSec)) return false;
      if (shared.seen(signature, nowSec)) return false;
      shared.record(signature, timestampSec + REQUEST_MAX_AGE_SEC);
      return true;
    },
  };
}

export interface RequestGuardOptions {
  /** The installed workspace's team id (from `auth.test`). */
  readonly installedTeamId: () => Promise<string>;
  readonly seen: SignatureMemory;
  /** The real clock, as Slack's signature timestamps are real time (never the app's `now`). */
  readonly nowSec?: () => number;
}

/** Bolt global middleware; a refusal throws AuthorizationError, which Bolt answers with 401. */
export function requestGuard(options: RequestGuardOptions): Middleware<AnyMiddlewareArgs> {
  const nowSec = options.nowSec ?? (() => Math.floor(Date.now() / 1000));
  return async ({ context, body, next }) => {
    const refusal =
      replayRefusal(context as SignedContext, options.seen, nowSec(), isReadOnly(body)) ??
      teamRefusal(teamsOf(context.teamId, body), await options.installedTeamId());
    if (refusal !== null) throw new AuthorizationError(refusal, new Error(refusal));
    await next();
  };
}

// A type-ahead lookup changes nothing, and Slack may send the same one twice in a second (the
// payload has no trigger id), so its signature is not remembered; its timestamp is still checked.
const isReadOnly = (body: unknown) => (body as { type?: unknown }).type === 'block_suggestion';

function replayRefusal(
  context: SignedContext,
  seen: SignatureMemory,
  nowSec: number,
  readOnly: boolean,
) {
  // Socket Mode carries no signature: its WebSocket is authenticated with the app token.
  if (typeof context.slackSignature !== 'string' || context.slackSignature === '') return null;
  const timestampSec = Number(context.slackRequestTimestamp);
  if (!Number.isSafeInteger(timestampSec)) return 'request timestamp is not a number';
  if (timestampSec > nowSec + REQUEST_MAX_FUTURE_SEC) return 'request timestamp is in the future';
  if (timestampSec < nowSec - REQUEST_MAX_AGE_SEC) return 'request timestamp is too old';
  return readOnly || seen.firstSeen(context.slackSignature, timestampSec, nowSec)
    ? null
    : 'request signature was already used (replay)';
}

/** The team Bolt read from the payload, and the acting user's team where the payload has one. */
function teamsOf(contextTeamId: string | undefined, body: unknown): (string | undefined)[] {
  const userTeam = (body as { user?: { team_id?: unknown } } | undefined)?.user?.team_id;
  return typeof userTeam === 'string' ? [contextTeamId, userTeam] : [contextTeamId];
}

function teamRefusal(teams: readonly (string | undefined)[], installed: string): string | null {
  const foreign = teams.findIndex((team) => team !== installed);
  if (foreign === -1) return null;
  return `request is from team ${teams[foreign] ?? 'unknown'}, not the installed workspace`;
}
