// DATABASE_URL: which database backend the product uses (docs/decisions/230-postgresql-backend.md).
// Unset = the embedded SQLite file at WRITEOFF_DB, exactly as before; postgres://… = PostgreSQL.
// The URL carries a password, so no message here ever repeats it.
import { z } from 'zod';

const POSTGRES_PROTOCOLS = new Set(['postgres:', 'postgresql:']);

const EXAMPLE = 'postgres://user:password@host:5432/writeoff';

/** The zod piece for DATABASE_URL: a postgres(ql):// URL with a host, or unset. */
export const databaseUrlSchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '') return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a PostgreSQL URL like ${EXAMPLE}` });
      return z.NEVER;
    }
    if (!POSTGRES_PROTOCOLS.has(url.protocol)) {
      ctx.addIssue({
        code: 'custom',
        message: `must start with postgres:// or postgresql:// (like ${EXAMPLE}); unset it to use the SQLite file at WRITEOFF_DB`,
      });
      return z.NEVER;
    }
    if (url.hostname === '') {
      ctx.addIssue({ code: 'custom', message: `must name a host, like ${EXAMPLE}` });
      return z.NEVER;
    }
    return value;
  });

/** Both backends named at once is a contradiction, reported rather than resolved silently. */
export function conflictingDatabaseVariables(env: NodeJS.ProcessEnv): string[] {
  const has = (name: string) => (env[name] ?? '').trim() !== '';
  if (!has('DATABASE_URL') || !has('WRITEOFF_DB')) return [];
  return [
    'DATABASE_URL: cannot be used together with WRITEOFF_DB; set DATABASE_URL for PostgreSQL or WRITEOFF_DB for the SQLite file, not both',
  ];
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs and messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * DATABASE_URL's problems for the command line, which reads no other server variable: a
 * malformed URL, or both DATABASE_URL and WRITEOFF_DB set.
 */
export function databaseUrlProblems(env: NodeJS.ProcessEnv): string[] {
  const parsed = databaseUrlSchema.safeParse(env.DATABASE_URL);
  if (!parsed.success) return parsed.error.issues.map((issue) => `DATABASE_URL: ${issue.message}`);
  return conflictingDatabaseVariables(env);
}
