// Prometheus metrics for on-call (docs/operations.md lists each one). One registry per running
// bot, not prom-client's global one, so tests and two apps in one process stay apart. Counts that
// live in the database (outbox backlog, pending requests, postings) are read at scrape time, so
// every instance on one database reports the same truth and a restart loses nothing.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface FiguresAtScrape {
  readonly outboxPending: number;
  readonly outboxFailed: number;
  readonly pendingRequests: number;
  readonly oldestPendingAgeSeconds: number;
  readonly postings: number;
  readonly reversals: number;
  readonly busyWaits: number;
}

export interface Metrics {
  readonly contentType: string;
  observeAck(interaction: string, seconds: number): void;
  countWebApiCall(method: string, outcome: 'ok' | 'error'): void;
  render(): Promise<string>;
}

/** Slack wants an answer within 3 s; the buckets resolve the range that matters below it. */
const ACK_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];

export function createMetrics(readFigures: () => FiguresAtScrape): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'writeoff_process_' });
  const ack = new Histogram({
    name: 'writeoff_slack_ack_seconds',
    help: 'Time from receiving a Slack request to acknowledging it, by interaction type',
    labelNames: ['interaction'],
    buckets: ACK_BUCKETS_SECONDS,
    registers: [registry],
  });
  const calls = new Counter({
    name: 'writeoff_slack_api_calls_total',
    help: 'Slack Web API calls by method and outcome (error: HTTP failure, ok:false or no answer)',
    labelNames: ['method', 'outcome'],
    registers: [registry],
  });
  registerDatabaseFigures(registry, readFigures);
  return {
    contentType: registry.contentType,
    observeAck: (interaction, seconds) => ack.observe({ interaction }, seconds),
    countWebApiCall: (method, outcome) => calls.inc({ method, outcome }),
    render: () => registry.metrics(),
  };
}

function registerDatabaseFigures(registry: Registry, readFigures: () => FiguresAtScrape): void {
  // One read per scrape, shared by every figure below (the first collect() refreshes it).
  let figures: FiguresAtScrape | null = null;
  const fresh = (first: boolean): FiguresAtScrape => {
    if (first || figures === null) figures = readFigures();
    return figures;
  };
  const gauge = (name: string, help: string, pick: (f: FiguresAtScrape) => number, first = false) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(pick(fresh(first)));
      },
    });
  gauge(
    'writeoff_outbox_pending',
    'Slack notifications waiting to be sent',
    (f) => f.outboxPending,
    true,
  );
  gauge(
    'writeoff_outbox_failed',
    'Slack notifications that gave up (resend with writeoff outbox)',
    (f) => f.outboxFailed,
  );
  gauge(
    'writeoff_requests_pending',
    'Write-off requests waiting for approval',
    (f) => f.pendingRequests,
  );
  gauge(
    'writeoff_requests_oldest_pending_age_seconds',
    'Age of the oldest pending request (0 when none)',
    (f) => f.oldestPendingAgeSeconds,
  );
  const counter = (name: string, help: string, pick: (f: FiguresAtScrape) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        // Each source only grows (the append-only journal, this process's waits): a true counter.
        this.reset();
        this.inc(pick(fresh(false)));
      },
    });
  counter('writeoff_postings_total', 'Write-offs posted to the journal', (f) => f.postings);
  counter('writeoff_reversals_total', 'Reversals posted to the journal', (f) => f.reversals);
  counter(
    'writeoff_db_busy_waits_total',
    'Times a transaction found the database locked by another process and waited',
    (f) => f.busyWaits,
  );
}

/** What the Slack Web API client reads of an answer (its `FetchResponse`; a `Response` is one). */
export interface ApiResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: {
    get(name: string): string | null;
    entries(): Iterable<[string, string]>;
  };
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The Web API client's `fetch` (its `FetchFunction`), of which the global `fetch` is one. */
export type ApiFetch = (
  url: string | URL,
  init?: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | FormData;
    redirect?: 'error' | 'follow' | 'manual';
    signal?: AbortSignal;
  },
) => Promise<ApiResponse>;

/**
 * A `fetch` for the Slack Web API client that counts every call by method and outcome. The
 * method is the last part of the URL path (`…/api/chat.postMessage`).
 */
export function countingFetch(
  metrics: Pick<Metrics, 'countWebApiCall'>,
  inner: ApiFetch = globalThis.fetch,
): ApiFetch {
  return async (input, init) => {
    const url = String(input);
    const method = new URL(url).pathname.split('/').at(-1) || 'unknown';
    try {
      const read = await readOutcome(await inner(input, init));
      metrics.countWebApiCall(method, read.ok ? 'ok' : 'error');
      return read.response;
    } catch (error) {
      metrics.countWebApiCall(method, 'error');
      throw error;
    }
  };
}

/**
 * Whether Slack said `ok`, and an answer the client can still read. The body is read once and
 * handed on from memory: cloning the response would tee its stream for every call.
 */
async function readOutcome(response: ApiResponse): Promise<{ response: ApiResponse; ok: boolean }> {
  if (!response.ok) return { response, ok: false };
  if (!(response.headers.get('content-type') ?? '').includes('json')) return { response, ok: true };
  const text = await response.text();
  let ok = false;
  try {
    ok = (JSON.parse(text) as { ok?: unknown }).ok !== false;
  } catch {
    ok = false;
  }
  const { status, statusText, url, headers } = response;
  const read: ApiResponse = {
    ok: true,
    status,
    statusText,
    url,
    headers,
    text: async () => text,
    json: async () => JSON.parse(text),
    arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
  };
  return { response: read, ok };
}
