// Signs and sends requests the way Slack does (docs/sandbox.md): HMAC-SHA256 over
// `v0:${timestamp}:${rawBody}` with the app's signing secret, the timestamp taken from the real
// clock (Bolt rejects requests more than five minutes old). Shared by the tests, the walkthrough
// and the browser sandbox.
import { createHmac } from 'node:crypto';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

export interface SlackRequest {
  readonly body: string;
  readonly contentType: string;
  /** The decoded payload, for assertions. */
  readonly payload: Record<string, unknown>;
}

/** An interactivity request: `payload=<url-encoded JSON>` in a form body, as Slack sends it. */
export function interactiveRequest(payload: Record<string, unknown>): SlackRequest {
  return {
    body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    contentType: FORM_CONTENT_TYPE,
    payload,
  };
}

export interface SignOptions {
  /** The app's signing secret. */
  readonly secret: string;
  /** Unix seconds; defaults to now (the real clock). */
  readonly timestamp?: number;
  /** Sent instead of the computed signature (forgery tests). */
  readonly signature?: string;
}

export interface SignatureHeaders {
  readonly 'x-slack-request-timestamp': string;
  readonly 'x-slack-signature': string;
}

export function signatureHeaders(rawBody: string, options: SignOptions): SignatureHeaders {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const hmac = createHmac('sha256', options.secret);
  const computed = `v0=${hmac.update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? computed,
  };
}

export interface SignedResponse {
  readonly status: number;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly json: unknown;
}

export type PostSignedOptions = SignOptions & {
  readonly contentType?: string;
  /** Extra headers, e.g. `x-slack-retry-num` for Events API retries. */
  readonly headers?: Readonly<Record<string, string>>;
};

/** POSTs a request (or a raw form body) to `url`, signed like Slack. */
export async function postSigned(
  url: string,
  request: SlackRequest | string,
  options: PostSignedOptions,
): Promise<SignedResponse> {
  const body = typeof request === 'string' ? request : request.body;
  const contentType =
    options.contentType ?? (typeof request === 'string' ? FORM_CONTENT_TYPE : request.contentType);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...options.headers,
      ...signatureHeaders(body, options),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
