// The sandbox's web server on PORT (loopback only): the page, its scripts, the workspace state it
// polls, the person's actions it posts, the GL export, and /healthz like every mode has. It has
// no login and lets anyone act as anyone, hence loopback and a Host check (docs/sandbox.md).
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { PeriodExport } from './gl-export.ts';
import {
  type Interaction,
  type InteractionResult,
  interactionSchema,
} from './interaction-schema.ts';
import type { UploadedFile } from './web-api.ts';
import type { Workspace } from './workspace.ts';

export interface SandboxServerDeps {
  readonly workspace: Workspace;
  readonly interact: (input: Interaction) => Promise<InteractionResult>;
  readonly glExports: () => PeriodExport[];
  readonly isReady: () => boolean;
  /** An uploaded file's bytes by file id. */
  readonly file: (id: string) => UploadedFile | undefined;
}

const UI_DIR = new URL('./ui/', import.meta.url);
const UI_FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'page.js': 'text/javascript; charset=utf-8',
  'render.js': 'text/javascript; charset=utf-8',
  'messages.js': 'text/javascript; charset=utf-8',
  'modal.js': 'text/javascript; charset=utf-8',
  'contexts.js': 'text/javascript; charset=utf-8',
  'gl-export.js': 'text/javascript; charset=utf-8',
  'blocks.js': 'text/javascript; charset=utf-8',
  'mrkdwn.js': 'text/javascript; charset=utf-8',
  'inputs.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};
// Bot text is data from A/R files and people: the page never runs inline script or loads
// anything from elsewhere, whatever a message contains.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
const LONG_POLL_MS = 20_000;
const MAX_BODY_BYTES = 1_000_000;

export function createSandboxServer(deps: SandboxServerDeps): Server {
  return createServer((req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: String(error) });
      else res.end();
    });
  });
}

async function route(deps: SandboxServerDeps, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (req.method === 'GET' && path === '/healthz') {
    return sendJson(res, deps.isReady() ? 200 : 503, { ok: deps.isReady() });
  }
  if (!isLocalHost(req.headers.host)) return sendText(res, 421, 'sandbox: loopback hosts only');
  if (req.method === 'GET' && (path === '/' || path.startsWith('/ui/'))) {
    return serveFile(res, path === '/' ? 'index.html' : path.slice('/ui/'.length));
  }
  if (req.method === 'GET' && path === '/favicon.ico') return void res.writeHead(204).end();
  if (req.method === 'GET' && path === '/api/state') return sendState(deps, url, req, res);
  if (req.method === 'GET' && path === '/api/export') {
    return sendJson(res, 200, { ok: true, periods: deps.glExports() });
  }
  if (req.method === 'GET' && path.startsWith('/files/')) {
    return sendFile(res, deps.file(decodeURIComponent(path.slice('/files/'.length))));
  }
  if (req.method === 'POST' && path === '/api/interact') return interact(deps, req, res);
  return sendText(res, 404, `sandbox: no page ${path}`);
}

// Images show inline; anything else (CSV, SVG that could carry script, …) downloads.
const INLINE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

function sendFile(res: ServerResponse, file: UploadedFile | undefined): void {
  if (file === undefined) {
    sendText(res, 404, 'sandbox: no such file');
    return;
  }
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  const inline = INLINE_TYPES[extension];
  const safeName = file.filename.replace(/[^\w.-]/g, '_');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': inline ?? 'application/octet-stream',
    'content-disposition': inline ? 'inline' : `attachment; filename="${safeName}"`,
  });
  res.end(file.bytes);
}

// DNS rebinding: a page on another site must not reach this server through a name that
// resolves to 127.0.0.1, so only loopback names are served.
function isLocalHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '');
  return ['127.0.0.1', 'localhost', '[::1]'].includes(name);
}

async function serveFile(res: ServerResponse, name: string): Promise<void> {
  const type = UI_FILES[name];
  if (type === undefined) return sendText(res, 404, 'sandbox: no such file');
  const body = await readFile(new URL(name, UI_DIR));
  res.writeHead(200, { 'content-type': type, ...SECURITY_HEADERS });
  res.end(body);
}

/** Answers at once when the workspace changed since `since`, else when it next changes. */
async function sendState(
  deps: SandboxServerDeps,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const user = url.searchParams.get('user') ?? '';
  const since = Number(url.searchParams.get('since') ?? '-1');
  const { workspace } = deps;
  if (workspace.version <= since) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, LONG_POLL_MS);
      const stop = workspace.onChange(done);
      req.once('close', done);
      function done() {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
  }
  if (!res.writableEnded && !res.destroyed) sendJson(res, 200, workspace.snapshot(user));
}

async function interact(deps: SandboxServerDeps, req: IncomingMessage, res: ServerResponse) {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(res, 415, { ok: false, error: 'send JSON' });
  }
  const raw = await readBody(req);
  const parsed = interactionSchema.safeParse(parseJson(raw));
  if (!parsed.success) return sendJson(res, 400, { ok: false, error: parsed.error.message });
  const result = await deps.interact(parsed.data);
  sendJson(res, result.ok ? 200 : 502, result);
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(`${text}\n`);
}
