// The HTTP side of the fake Slack Web API: reading a request's body, arguments, token and
// uploaded file the way @slack/web-api sends them, and writing a reply.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Reply } from './fake-slack-methods.ts';

export function send(res: ServerResponse, reply: Reply): void {
  const status = reply.status ?? 200;
  const isText = typeof reply.body === 'string';
  res.writeHead(status, {
    'content-type': isText ? 'text/plain' : 'application/json',
    ...reply.headers,
  });
  res.end(isText ? reply.body : JSON.stringify(reply.body ?? { ok: true }));
}

/** Parses a Web API request body; nested arguments arrive as JSON strings inside the form. */
export function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.startsWith('application/json'))
    return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function tokenOf(req: IncomingMessage, args: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return typeof args.token === 'string' ? args.token : undefined;
}

// The file's bytes from an upload body: the first part of a multipart/form-data body (what
// @slack/web-api sends), or the body itself.
export function filePart(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  const mark = boundary?.[1] ?? boundary?.[2];
  if (mark === undefined) return body;
  const start = body.indexOf('\r\n\r\n', body.indexOf(`--${mark}`));
  const end = body.indexOf(`\r\n--${mark}`, start + 4);
  return start === -1 || end === -1 ? body : body.subarray(start + 4, end);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
  });
}
