// Logs as JSON lines (pino) that a log system can index, or readable lines on a terminal
// (pino-pretty). The rest of the code logs through Bolt's small Logger interface; a plain object
// as the first argument becomes the event's fields (`{ event: 'slack.interaction', … }`).
// Tokens, signing secrets and request bodies are never passed here; censor.ts is the second line
// of defence for fields that could carry one (docs/operations.md).
import type { Logger, LogLevel } from '@slack/bolt';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import pretty from 'pino-pretty';
import { censorSecrets } from './censor.ts';

export interface LoggerOptions {
  /** Human-readable lines (a terminal) instead of JSON. */
  readonly pretty: boolean;
  readonly level?: 'debug' | 'info' | 'warn' | 'error';
  /** Where lines go; standard output by default. */
  readonly destination?: DestinationStream;
}

export function createPino(options: LoggerOptions): Pino {
  const config = {
    level: options.level ?? 'info',
    base: { service: 'writeoff' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      // Level names ("info") rather than pino's numbers, which log systems would have to map.
      level: (label: string) => ({ level: label }),
      // Secrets' field names censored (censor.ts): pino's `redact` did this at 7 µs a line.
      log: censorSecrets,
    },
  };
  if (options.destination !== undefined) return pino(config, options.destination);
  if (options.pretty) {
    return pino(config, pretty({ colorize: true, sync: true, ignore: 'pid,hostname,service' }));
  }
  // JSON lines are written in batches (up to 4 KiB, at least every 250 ms) instead of one write
  // per line: the bot logs one line per Slack interaction on the thread that acks them. pino
  // writes what is left when the process exits.
  return pino(
    config,
    pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }),
  );
}

/** Bolt's Logger over pino, so Bolt's own messages land in the same stream. */
export function boltLogger(base: Pino): Logger {
  let current = base;
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...messages: unknown[]): void => {
      // Bolt and the Web API client log several debug lines per request: below the level,
      // nothing is formatted (on the thread that acks, that was a few per cent of its CPU).
      if (!current.isLevelEnabled(level)) return;
      const [first, ...rest] = messages;
      const fields = isPlainObject(first) ? first : undefined;
      const parts = fields === undefined ? messages : rest;
      const errors = parts.filter((part): part is Error => part instanceof Error);
      const text = parts
        .filter((part) => !(part instanceof Error))
        .map((part) => (typeof part === 'string' ? part : safeJson(part)))
        .join(' ');
      const merged: Record<string, unknown> = { ...(fields ?? {}) };
      if (errors[0] !== undefined) merged.err = errors[0];
      current[level](merged, text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level: LogLevel) => {
      current.level = level;
    },
    getLevel: () => current.level as LogLevel,
    setName: (name: string) => {
      current = base.child({ component: name });
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
