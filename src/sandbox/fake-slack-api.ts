// A fake Slack Web API on 127.0.0.1:0, one implementation for the tests, the walkthrough and the
// browser sandbox (docs/sandbox.md). The app talks to it over real HTTP through
// `clientOptions.slackApiUrl`, so nothing of ours or of the Slack SDK is mocked.
//
// - Every call is recorded as `{ method, args, token }`. Form bodies are parsed the way the
//   web-api client writes them: object arguments (`view`, `blocks`) arrive JSON-stringified.
// - Known methods answer with realistic bodies; tests override any method for N calls.
// - An unknown method is recorded and fails `verify()` (and answers `unknown_method`, as Slack).
// - Views and messages pass through the Block Kit checker; over-limit content is rejected with
//   `invalid_blocks` / `invalid_arguments` exactly where Slack would reject it.
// - `/response/<id>` paths stand in for `response_url`, so `respond()` can be asserted.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BlockKitProblem } from '../slack/block-kit-limits.ts';
import { closeServer, filePart, parseArgs, readBody, send, tokenOf } from './fake-slack-http.ts';
import {
  defaultHandlers,
  FAKE_TEAM_ID,
  type MethodHandler,
  type Reply,
} from './fake-slack-methods.ts';

export interface RecordedCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** Bearer token from the Authorization header (or the `token` form field). */
  readonly token: string | undefined;
}

export interface RecordedResponse {
  /** Path of the response_url that was posted to, e.g. `/response/cmd-1`. */
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface BlockKitRejection {
  readonly method: string;
  readonly problems: readonly BlockKitProblem[];
}

export type Override = Reply | ((call: RecordedCall) => Reply);

export interface FakeSlackApi {
  /** Base URL for `clientOptions.slackApiUrl`, ending in `/api/`. */
  readonly url: string;
  readonly origin: string;
  /** A fresh response_url served by this fake. */
  responseUrl(id?: string): string;
  /** Recorded calls, optionally of one method only. */
  calls(method?: string): RecordedCall[];
  /** Bodies posted to response_urls (what `respond()` sent). */
  responses(): RecordedResponse[];
  unknownCalls(): RecordedCall[];
  blockKitRejections(): BlockKitRejection[];
  /** Replace a method's answer for the next `times` calls (default: every call). */
  override(method: string, reply: Override, options?: { readonly times?: number }): void;
  /** Next call of `method` answers `{ ok: false, error }` (HTTP 200, as Slack does). */
  failNext(method: string, error: string): void;
  /** Next call of `method` answers with a bare HTTP error status (500 by default). */
  httpErrorNext(method: string, status?: number): void;
  /** Next call of `method` answers HTTP 429 with `Retry-After` (Slack's rate-limit answer). */
  rateLimitNext(method: string, retryAfterSeconds?: number): void;
  /** Make a response_url answer with an HTTP error status for the next post. */
  failNextResponse(status?: number): void;
  /** Files uploaded through files.getUploadURLExternal → POST → files.completeUploadExternal. */
  uploads(): FakeUpload[];
  /** Resolves once `method` has been called at least `count` times (for event-driven work). */
  waitForCalls(method: string, count?: number): Promise<RecordedCall[]>;
  assertNoUnknownCalls(): void;
  /** Throws if any unknown method was called or any Block Kit was rejected. */
  verify(): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeUpload {
  readonly fileId: string;
  readonly filename: string;
  /** Bytes POSTed to the upload URL (the file part of a multipart body). */
  readonly bytes: Buffer;
  /** Where files.completeUploadExternal shared it; null until completed. */
  readonly completed: { readonly channel: string; readonly threadTs: string | null } | null;
}

interface PendingOverride {
  readonly reply: Override;
  remaining: number;
}

export interface FakeSlackOptions {
  /** Told about every body posted to a response_url (the sandbox shows it to the person). */
  readonly onResponse?: (response: RecordedResponse) => void;
  /** Told about every Web API call once answered (the sandbox shows shared files). */
  readonly onCall?: (call: RecordedCall, reply: Reply) => void;
}

export async function startFakeSlackApi(
  extraHandlers: Readonly<Record<string, MethodHandler>> = {},
  options: FakeSlackOptions = {},
): Promise<FakeSlackApi> {
  const handlers: Record<string, MethodHandler> = { ...defaultHandlers(), ...extraHandlers };
  const calls: RecordedCall[] = [];
  const unknown: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const rejections: BlockKitRejection[] = [];
  const overrides = new Map<string, PendingOverride[]>();
  const responseFailures: number[] = [];
  const waiters: { method: string; count: number; resolve: () => void }[] = [];
  let responseCounter = 0;
  let uploadOrigin = '';
  const uploads = new Map<
    string,
    { filename: string; bytes: Buffer | null; completed: FakeUpload['completed'] }
  >();
  // Slack's external upload flow: an upload URL per file, the bytes POSTed there, then one
  // completion call that shares the files (in a channel, optionally in a thread).
  handlers['files.getUploadURLExternal'] ??= (args) => {
    const fileId = `F0FAKE${String(uploads.size + 1).padStart(4, '0')}`;
    uploads.set(fileId, { filename: String(args.filename ?? ''), bytes: null, completed: null });
    return { body: { ok: true, upload_url: `${uploadOrigin}/upload/${fileId}`, file_id: fileId } };
  };
  handlers['files.completeUploadExternal'] ??= (args) => {
    const files = (Array.isArray(args.files) ? args.files : []) as {
      id?: string;
      title?: string;
    }[];
    const unknownFile = files.find((f) => uploads.get(String(f.id))?.bytes == null);
    if (files.length === 0 || unknownFile !== undefined) {
      return { body: { ok: false, error: 'invalid_arguments' } };
    }
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
    for (const f of files) {
      const upload = uploads.get(String(f.id));
      if (upload !== undefined)
        upload.completed = { channel: String(args.channel_id ?? ''), threadTs };
    }
    return { body: { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) } };
  };

  const notifyWaiters = () => {
    for (const waiter of [...waiters]) {
      if (calls.filter((c) => c.method === waiter.method).length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  const takeOverride = (method: string): Override | undefined => {
    const queue = overrides.get(method);
    const next = queue?.[0];
    if (queue === undefined || next === undefined) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) queue.shift();
    return next.reply;
  };

  const answerApi = (method: string, call: RecordedCall): Reply => {
    const override = takeOverride(method);
    if (override !== undefined) return typeof override === 'function' ? override(call) : override;
    const handler = handlers[method];
    if (handler === undefined) {
      unknown.push(call);
      return { body: { ok: false, error: 'unknown_method' } };
    }
    const reply = handler(call.args);
    if ('problems' in reply && reply.problems !== undefined) {
      rejections.push({ method, problems: reply.problems });
    }
    return reply;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/upload/') && req.method === 'POST') {
      const upload = uploads.get(path.slice('/upload/'.length));
      if (upload === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('no such upload');
        return;
      }
      upload.bytes = filePart(bytes, req.headers['content-type']);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${upload.bytes.length}`);
      return;
    }
    if (path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const args = parseArgs(raw, req.headers['content-type']);
      const call: RecordedCall = { method, args, token: tokenOf(req, args) };
      calls.push(call);
      const reply = answerApi(method, call);
      send(res, reply);
      notifyWaiters();
      options.onCall?.(call, reply);
      return;
    }
    if (path.startsWith('/response/') && req.method === 'POST') {
      const response = { path, body: JSON.parse(raw || '{}') as Record<string, unknown> };
      responses.push(response);
      options.onResponse?.(response);
      const status = responseFailures.shift();
      res.writeHead(status ?? 200, { 'content-type': 'text/plain' });
      res.end(status === undefined ? 'ok' : 'error');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`fake Slack: no route for ${req.method} ${path}`);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  uploadOrigin = origin;

  const api: FakeSlackApi = {
    url: `${origin}/api/`,
    origin,
    responseUrl: (id) => `${origin}/response/${id ?? `r${++responseCounter}`}`,
    calls: (method) =>
      method === undefined ? [...calls] : calls.filter((c) => c.method === method),
    responses: () => [...responses],
    unknownCalls: () => [...unknown],
    blockKitRejections: () => [...rejections],
    uploads: () =>
      [...uploads.entries()].flatMap(([fileId, u]) =>
        u.bytes === null
          ? []
          : [{ fileId, filename: u.filename, bytes: u.bytes, completed: u.completed }],
      ),
    override(method, reply, options = {}) {
      const queue = overrides.get(method) ?? [];
      queue.push({ reply, remaining: options.times ?? Number.POSITIVE_INFINITY });
      overrides.set(method, queue);
    },
    failNext(method, error) {
      api.override(method, { body: { ok: false, error } }, { times: 1 });
    },
    httpErrorNext(method, status = 500) {
      api.override(method, { status, body: 'Internal Server Error' }, { times: 1 });
    },
    rateLimitNext(method, retryAfterSeconds = 0) {
      api.override(
        method,
        {
          status: 429,
          headers: { 'retry-after': String(retryAfterSeconds) },
          body: { ok: false, error: 'ratelimited' },
        },
        { times: 1 },
      );
    },
    failNextResponse(status = 404) {
      responseFailures.push(status);
    },
    waitForCalls(method, count = 1) {
      return new Promise((resolve) => {
        waiters.push({ method, count, resolve: () => resolve(api.calls(method)) });
        notifyWaiters();
      });
    },
    assertNoUnknownCalls() {
      if (unknown.length > 0) {
        const names = unknown.map((c) => c.method).join(', ');
        throw new Error(`fake Slack: unknown Web API method(s) called: ${names}`);
      }
    },
    verify() {
      api.assertNoUnknownCalls();
      if (rejections.length > 0) {
        const lines = rejections.flatMap((r) =>
          r.problems.map((p) => `${r.method} ${p.pointer}: ${p.message} (${p.rule})`),
        );
        throw new Error(`fake Slack: Block Kit rejected:\n${lines.join('\n')}`);
      }
    },
    reset() {
      calls.length = 0;
      unknown.length = 0;
      responses.length = 0;
      rejections.length = 0;
      overrides.clear();
      responseFailures.length = 0;
      uploads.clear();
    },
    close: () => closeServer(server),
  };
  return api;
}

export { FAKE_TEAM_ID, parseArgs };
