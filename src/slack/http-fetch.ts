// The Web API client's transport on the post-ack thread: one node:http(s) request per call over
// a keep-alive agent, answered with the small response object the client reads (status, headers,
// text), instead of the global `fetch`, whose request and response objects, body streams and
// spec checks were a third of that thread's CPU per `/writeoff` (ADR 245). Anything it does not
// do the same way (a multipart upload, a call that follows redirects) goes to `fallback`.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { webApi } from '@slack/bolt';

type FetchResponse = Awaited<ReturnType<webApi.FetchFunction>>;

/** Statuses whose response has no body by definition (fetch refuses one there). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

export function nodeHttpFetch(
  fallback: webApi.FetchFunction = globalThis.fetch,
): webApi.FetchFunction {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  return (input, init = {}) => {
    const url = String(input);
    // The client sends form bodies with `redirect: 'error'`; FormData is a file upload.
    if (typeof (init.body ?? '') !== 'string' || init.redirect !== 'error') {
      return fallback(input, init);
    }
    const secure = url.startsWith('https:');
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const failed = (cause: unknown) =>
        reject(
          init.signal?.aborted ? init.signal.reason : new TypeError('fetch failed', { cause }),
        );
      const options = {
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        agent: secure ? https : http,
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      };
      const req = send(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', failed);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          // What fetch does with `redirect: 'error'`.
          if (status >= 300 && status < 400) failed(new Error(`redirected (${status})`));
          else resolve(responseOf(url, res, NO_BODY.has(status) ? '' : chunks));
        });
      });
      req.on('error', failed);
      req.end(init.body);
    });
  };
}

function responseOf(url: string, res: IncomingMessage, chunks: Buffer[] | ''): FetchResponse {
  const body = chunks === '' ? Buffer.alloc(0) : Buffer.concat(chunks);
  const status = res.statusCode ?? 0;
  const text = async () => body.toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: headersOf(res),
    text,
    json: async () => JSON.parse(await text()),
    arrayBuffer: async () =>
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  };
}

/** Read-only headers as fetch gives them: lower-case names, repeated values joined by ", ". */
function headersOf(res: IncomingMessage): FetchResponse['headers'] & Iterable<[string, string]> {
  const entries = (): [string, string][] =>
    Object.entries(res.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    );
  return {
    get: (name) => {
      const value = res.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    entries,
    [Symbol.iterator]: () => entries()[Symbol.iterator](),
  };
}
