// Composition root of the command line: the only CLI file that reads the environment, the
// real clock and process streams. `npm run --silent writeoff -- <command>` and bin/writeoff.mjs
// both land here.
import { databaseUrlProblems } from '../config/database-url.ts';
import { policyPathFromEnv } from '../config/env.ts';
import { loadEnvFile } from '../config/env-file.ts';
import { runCli } from './program.ts';

function main(): void {
  // `writeoff auto … | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    // `.env` in the working directory, like the server; the CLI reads WRITEOFF_DB and WRITEOFF_POLICY.
    const envFile = loadEnvFile(process.cwd(), process.env);
    // A malformed DATABASE_URL is refused: never a silent fall back to the SQLite file.
    const refused = databaseUrlProblems(process.env);
    if (refused.length > 0) {
      process.stderr.write(`error: ${refused.join('\n')}\n`);
      process.exitCode = 1;
      return;
    }
    process.exitCode = runCli(process.argv.slice(2), {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      defaultDbPath: process.env.WRITEOFF_DB || undefined,
      databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
      ...(envFile.applied.includes('WRITEOFF_DB') && { defaultDbFrom: envFile.path }),
      policyPath: policyPathFromEnv(process.env),
      cwd: process.cwd(),
      now: () => new Date(),
      ...(process.stderr.isTTY && { progressStream: process.stderr }),
    });
  } catch (error) {
    // An infrastructure failure (disk, locked database…): one line, no stack trace.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = 1;
  }
}

main();
