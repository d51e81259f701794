// The post-ack thread (ADR 201), a composition root of its own: its own connection to the
// database (file or PostgreSQL server), its own logger and Web API client, and the product's Bolt app without a
// receiver. The main thread has verified, guarded and acknowledged each body it posts here; the
// app runs the listener for it (its ack is a no-op now) with everything that follows the ack.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { NO_NOTIFICATIONS } from './app/notifier.ts';
import { openStoreAt } from './db/store.ts';
import type { FlushLog, HandedOver, PostAckMessage, PostAckWorkerData } from './post-ack-thread.ts';
import { createSlackApp } from './slack/app.ts';
import { nodeHttpFetch } from './slack/http-fetch.ts';
import { slackClientOptions } from './slack/notifier.ts';
import { TOO_BUSY_TO_OPEN, triggerExpired } from './slack/post-ack.ts';
import { SlackReachability } from './slack/reachability.ts';
import { handedOverProperties, logInteraction } from './slack/telemetry.ts';
import { boltLogger, createPino } from './telemetry/logger.ts';
import type { Metrics } from './telemetry/metrics.ts';

/**
 * On Linux a nice value belongs to a thread, and `setPriority(n)` sets the calling thread's: this
 * thread yields the CPU to the main thread (acks) when the machine is busy, and runs at full
 * speed when it is not. Elsewhere it would lower the whole process, so it is left alone there.
 */
const POST_ACK_THREAD_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(POST_ACK_THREAD_NICE);
  } catch {
    // Not permitted (a sandbox): the thread runs at the main thread's priority.
  }
}

const data = workerData as PostAckWorkerData;
const port = parentPort;
if (port === null) throw new Error('post-ack-worker.ts runs as a worker thread only');
const send = (message: PostAckMessage) => port.postMessage(message);

const lines = createPino({ pretty: data.pretty });
const logger = boltLogger(lines);
// Migrated by the main thread already; never sleep on another process's lock (ADR 120).
const store = openStoreAt(data.location);
store.neverWaitForLocks();
/**
 * This thread checkpoints the WAL for the process, so no commit on the main thread stalls on it
 * (ADR 280): its own commits do at SQLite's threshold, and this timer copies what the main
 * thread's commits added (a PASSIVE checkpoint waits for nobody; with nothing new it is a no-op).
 */
const CHECKPOINT_EVERY_MS = 1000;
setInterval(() => {
  try {
    store.checkpoint();
  } catch (error) {
    logger.warn('post-ack thread: WAL checkpoint failed (tried again in a second)', error);
  }
}, CHECKPOINT_EVERY_MS).unref();
// The Web API calls go over node:http rather than the global fetch: cheaper per call (ADR 245).
// Whether Slack answers is said by the main thread, once per process (slack/reachability.ts).
const reachability = new SlackReachability(data.slackApiUrl, logger, nodeHttpFetch(), (change) =>
  send({ kind: 'reachability', change }),
);
/**
 * Web API calls are counted on the main thread's /metrics (the ack is timed there too), sent in
 * one message per this many ms rather than one per call: a message costs both threads a
 * structured clone, and at 200 commands a second that was a twentieth of this thread's CPU.
 */
const API_CALL_COUNTS_EVERY_MS = 100;
const apiCallCounts = new Map<string, { method: string; outcome: 'ok' | 'error'; n: number }>();
const sendApiCallCounts = () => {
  send({ kind: 'api-calls', counts: [...apiCallCounts.values()] });
  apiCallCounts.clear();
};
const metrics: Metrics = {
  contentType: '',
  observeAck: () => undefined,
  countWebApiCall: (method, outcome) => {
    const key = `${outcome} ${method}`;
    const count = apiCallCounts.get(key);
    if (count !== undefined) count.n += 1;
    else apiCallCounts.set(key, { method, outcome, n: 1 });
    if (apiCallCounts.size === 1 && count === undefined) {
      setTimeout(sendApiCallCounts, API_CALL_COUNTS_EVERY_MS).unref();
    }
  },
  render: async () => '',
};
const app = createSlackApp(
  {
    store,
    now: () => new Date(),
    approvalsChannel: data.approvalsChannel,
    logger: reachability.sdkLogger(),
    admins: data.admins,
    // Handed-over listeners say nothing through the outbox (post-ack.ts lists them).
    notifications: NO_NOTIFICATIONS,
    metrics,
  },
  {
    token: data.botToken,
    clientOptions: slackClientOptions(data.slackApiUrl, reachability.fetch),
    receiver: { init: () => undefined, start: async () => undefined, stop: async () => undefined },
  },
);

/**
 * At most this many handed-over interactions run at once; the rest wait in arrival order. Without
 * a bound every queued command would advance a step at a time and all of them would miss their
 * trigger ids together; with it the oldest go first and the ones that waited too long are shed
 * when their turn comes (post-ack.ts).
 */
const MAX_IN_FLIGHT = 16;

const waiting: HandedOver[] = [];
let inFlight = 0;

function pump(): void {
  while (inFlight < MAX_IN_FLIGHT && waiting.length > 0) {
    const next = waiting.shift() as HandedOver;
    if (triggerExpired(next.dispatchedAtMs, Date.now())) {
      void tellTooBusy(next);
      continue;
    }
    inFlight += 1;
    // Errors go through the app's error handler (logged, the user told via response_url). The
    // request keeps the main thread's id: its one interaction line is written here (ADR 330).
    const handed = next.request === undefined ? {} : handedOverProperties(next.request);
    app
      .processEvent({ body: next.body, ack: async () => undefined, customProperties: handed })
      .catch((error: unknown) => {
        logger.error('post-ack thread: a handed-over interaction failed', error);
      })
      .finally(() => {
        inFlight -= 1;
        pump();
      });
  }
}

port.on('message', (message: HandedOver | FlushLog) => {
  if ('kind' in message) {
    // The bot is stopping (the main thread takes no more requests): commands still waiting are
    // not worked on, and say so in their line; then every line is written (ADR 330).
    for (const left of waiting.splice(0)) {
      if (left.request !== undefined) logInteraction(logger, left.body, left.request, 'shed');
    }
    lines.flush(() => send({ kind: 'flushed' }));
    return;
  }
  waiting.push(message);
  pump();
});
port.once('close', () => store.close());

/** Shed, not queued further: the modal can no longer open (post-ack.ts). */
async function tellTooBusy({ body, request }: HandedOver): Promise<void> {
  const requestId = request?.requestId;
  logger.warn(
    { requestId },
    'post-ack thread: a command waited past its trigger id; the user was told to retry',
  );
  if (request !== undefined) logInteraction(logger, body, request, 'shed');
  const responseUrl = body.response_url;
  if (typeof responseUrl !== 'string') return;
  try {
    await fetch(responseUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: TOO_BUSY_TO_OPEN }),
    });
  } catch (error) {
    logger.warn('post-ack thread: could not tell the user to retry', error);
  }
}
send({ kind: 'ready' });
