// The `.env` file that .env.example tells operators to create. The composition roots (the server
// and the CLI) load it from the working directory into the environment before anything parses
// it. A variable already set to a non-empty value in the real environment wins, as with Node's
// own --env-file, so a process manager can always override the file. Node's util.parseEnv reads
// the file (quotes, comments, `export` prefixes), so no loader library is needed.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export interface EnvFileLoad {
  /** Absolute path of the `.env` looked for. */
  readonly path: string;
  readonly found: boolean;
  /** Variables the file set: non-empty in the file, unset or empty in the real environment. */
  readonly applied: readonly string[];
}

export const ENV_FILE_NAME = '.env';

export function loadEnvFile(cwd: string, env: NodeJS.ProcessEnv): EnvFileLoad {
  const path = resolve(cwd, ENV_FILE_NAME);
  if (!existsSync(path)) return { path, found: false, applied: [] };
  const values = parseEnv(readFileSync(path, 'utf8'));
  const applied: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    // An empty value means "unset" everywhere in the configuration, so it sets nothing.
    if (value === undefined || value === '' || (env[name] ?? '') !== '') continue;
    env[name] = value;
    applied.push(name);
  }
  return { path, found: true, applied };
}

/** One line for the start-up log: which file was read, or that none was. */
export function describeEnvFile(load: EnvFileLoad): string {
  if (!load.found) return `no ${ENV_FILE_NAME} file at ${load.path}; using the process environment`;
  return load.applied.length === 0
    ? `read ${load.path} (nothing new: its variables are empty or already set)`
    : `read ${load.path}: ${load.applied.join(', ')}`;
}
