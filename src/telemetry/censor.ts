// The log's second line of defence against secrets (docs/operations.md): fields named like a
// credential or a request body are replaced by `[redacted]` at the top of a log event and one
// level down (`token`, `err.token`, `headers.authorization`, …), the same fields pino's `redact`
// paths `key` and `*.key` covered. Written out because pino's general redaction was 7 of the
// 12 µs a log line cost on the thread that acks every Slack request (ADR 281); it copies only
// what it censors and never changes the caller's objects.

export const CENSORED = '[redacted]';

const SECRET_KEYS = ['token', 'botToken', 'appToken', 'signingSecret', 'authorization', 'body'];
const SECRET = new Set(SECRET_KEYS);

/** `fields` itself when nothing in it needs censoring, else a copy with those values replaced. */
export function censorSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  let censored: Record<string, unknown> | undefined;
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    const value = fields[key];
    const next = SECRET.has(key) && value !== undefined ? CENSORED : censorOneLevel(value);
    if (next === value) continue;
    censored ??= { ...fields };
    censored[key] = next;
  }
  return censored ?? fields;
}

/** An object whose own secret-named fields are censored (a faithful copy: errors stay errors). */
function censorOneLevel(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const holder = value as Record<string, unknown>;
  const found = SECRET_KEYS.filter((key) => holder[key] !== undefined);
  if (found.length === 0) return value;
  const copy = Object.create(
    Object.getPrototypeOf(value),
    Object.getOwnPropertyDescriptors(value),
  ) as Record<string, unknown>;
  for (const key of found) {
    Object.defineProperty(copy, key, {
      value: CENSORED,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
