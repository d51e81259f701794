// The only module that knows environment variable names. The composition root calls `parseEnv`
// once at start-up; everything else receives the parsed `Config`.
import { z } from 'zod';
import { err, ok, type Result } from '../domain/types.ts';
import {
  conflictingDatabaseVariables,
  databaseUrlSchema,
  redactDatabaseUrl,
} from './database-url.ts';

/**
 * How the bot talks to Slack.
 * - `http`: Slack posts to `/slack/events` on PORT (production behind HTTPS).
 * - `socket`: the bot dials out over a WebSocket (dev laptops, no public URL).
 * - `none`: no Slack credentials at all. The product still runs on the embedded database so a
 *   fresh clone works with `npm start`: the local sandbox plays Slack in a browser and the bot
 *   runs in HTTP mode behind it (docs/sandbox.md, docs/decisions/150-local-sandbox-plays-slack.md).
 */
export type SlackMode =
  | { readonly kind: 'http'; readonly botToken: string; readonly signingSecret: string }
  | {
      readonly kind: 'socket';
      readonly botToken: string;
      readonly appToken: string;
      readonly signingSecret: string | undefined;
    }
  | { readonly kind: 'none' };

export interface Config {
  readonly slack: SlackMode;
  /** Channel id (`C…`/`G…`) where requests are posted for approval; absent only in `none` mode. */
  readonly approvalsChannel: string | undefined;
  /** The SQLite file (WRITEOFF_DB); the database unless `databaseUrl` selects PostgreSQL. */
  readonly databasePath: string;
  /** DATABASE_URL: a postgres:// URL selecting PostgreSQL (ADR 230); undefined = SQLite. */
  readonly databaseUrl?: string | undefined;
  readonly port: number;
  /** Base URL of the Slack Web API, always ending in `/`. Every Web API call goes here. */
  readonly slackApiUrl: string;
  /** Slack user ids allowed to administer the bot (roles, imports from Slack). */
  readonly admins: readonly string[];
  /** IANA zone for "today" and digests when the A/R file does not say; undefined = file's zone. */
  readonly timezone: string | undefined;
  /**
   * Whether start-up fills an EMPTY database with demo data: `auto` only when no Slack
   * credentials are set (a local trial), `on` always, `off` never (ADR 090).
   */
  readonly demo: 'auto' | 'on' | 'off';
  /** WRITEOFF_POLICY: the policy file; absent = policy.json / policy.yml next to the database. */
  readonly policyPath?: string | undefined;
}

export const DEFAULT_DATABASE_PATH = './data/writeoff.db';
export const DEFAULT_PORT = 3000;
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

// `.env` files commonly leave a variable present but empty; treat that as "not set" so an empty
// line in .env.example copied verbatim does not become a confusing validation error.
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

const isIanaZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(
    z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{16,}$/i, 'must be the hex signing secret')
      .optional(),
  ),
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
  ),
  WRITEOFF_APPROVALS_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel id like C0123ABCD (not a #name)')
      .optional(),
  ),
  WRITEOFF_DB: optionalText.transform((value) => value ?? DEFAULT_DATABASE_PATH),
  DATABASE_URL: databaseUrlSchema,
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
      .transform(Number)
      .refine((port) => port <= 65_535, 'must be a whole number from 0 to 65535')
      .optional(),
  ),
  SLACK_API_URL: optionalText.pipe(
    z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL such as https://slack.com/api/')
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
  ),
  WRITEOFF_ADMINS: optionalText.transform((value, ctx) => {
    const ids = (value ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const bad = ids.filter((id) => !slackUserId.test(id));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma list of Slack user ids like U0123ABCD; not user ids: ${bad.join(', ')}`,
      });
    }
    return ids;
  }),
  WRITEOFF_TIMEZONE: optionalText.pipe(
    z.string().refine(isIanaZone, 'must be an IANA time zone such as America/New_York').optional(),
  ),
  WRITEOFF_POLICY: optionalText,
  WRITEOFF_DEMO: optionalText.pipe(
    z.enum(['auto', 'on', 'off'], { message: 'must be auto, on or off' }).optional(),
  ),
});

type ParsedEnv = z.infer<typeof envSchema>;

/** Every environment variable the product reads, for docs and the start-up banner. */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as readonly (keyof ParsedEnv)[];

/**
 * Parses the environment. Returns every problem at once, each naming the variable, so an operator
 * fixes the whole file in one go instead of one restart per mistake.
 */
export function parseEnv(env: NodeJS.ProcessEnv): Result<Config, string[]> {
  const parsed = envSchema.safeParse(env);
  const missing = [...missingSlackVariables(env), ...conflictingDatabaseVariables(env)];
  if (!parsed.success) {
    const malformed = parsed.error.issues.map(
      (issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`,
    );
    return err([...malformed, ...missing]);
  }
  const values = parsed.data;
  const slack = slackMode(values);
  if (missing.length > 0 || slack === undefined) return err(missing);
  return ok({
    slack,
    approvalsChannel: values.WRITEOFF_APPROVALS_CHANNEL,
    databasePath: values.WRITEOFF_DB,
    databaseUrl: values.DATABASE_URL,
    port: values.PORT ?? DEFAULT_PORT,
    slackApiUrl: values.SLACK_API_URL ?? DEFAULT_SLACK_API_URL,
    admins: values.WRITEOFF_ADMINS,
    timezone: values.WRITEOFF_TIMEZONE,
    demo: values.WRITEOFF_DEMO ?? 'auto',
    policyPath: values.WRITEOFF_POLICY,
  });
}

// Cross-variable rules, judged on presence so they are reported together with malformed values.
// A half-configured Slack setup is an error, never a silent fallback to the credential-less
// mode, because the operator clearly meant to connect to Slack.
function missingSlackVariables(env: NodeJS.ProcessEnv): string[] {
  const has = (name: string) => (env[name] ?? '').trim() !== '';
  const anySlack = has('SLACK_BOT_TOKEN') || has('SLACK_SIGNING_SECRET') || has('SLACK_APP_TOKEN');
  if (!anySlack) return [];
  const problems: string[] = [];
  if (!has('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN: is required when any Slack credential is set (xoxb-…)');
  }
  if (!has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  if (!has('WRITEOFF_APPROVALS_CHANNEL')) {
    problems.push(
      'WRITEOFF_APPROVALS_CHANNEL: is required when Slack is configured (channel id like C0123ABCD)',
    );
  }
  return problems;
}

/** The mode the (already complete) variables select; undefined when they are incomplete. */
function slackMode(values: ParsedEnv): SlackMode | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret } = values;
  const appToken = values.SLACK_APP_TOKEN;
  if (botToken === undefined) return (signingSecret ?? appToken) ? undefined : { kind: 'none' };
  if (appToken !== undefined) return { kind: 'socket', botToken, appToken, signingSecret };
  if (signingSecret !== undefined) return { kind: 'http', botToken, signingSecret };
  return undefined;
}

/** WRITEOFF_POLICY for the command line, which reads nothing else of the Slack setup. */
export function policyPathFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const value = (env.WRITEOFF_POLICY ?? '').trim();
  return value === '' ? undefined : value;
}

/** Thrown by the composition root when `parseEnv` fails; the message lists every problem. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** A one-line summary that is safe to log: it never contains a token or secret. */
export function describeConfig(config: Config): string {
  const mode =
    config.slack.kind === 'none'
      ? 'no Slack credentials (local sandbox)'
      : `Slack ${config.slack.kind}`;
  const db =
    config.databaseUrl === undefined ? config.databasePath : redactDatabaseUrl(config.databaseUrl);
  return `mode=${mode} db=${db} port=${config.port} api=${config.slackApiUrl}`;
}
