// Running the command line in tests in-process through runCli: the same code as the bin, minus
// the process plumbing, with stdout and stderr captured.
import type { CliIo } from '../../src/cli/context.ts';
import { runCli } from '../../src/cli/program.ts';

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `writeoff <args>` in-process in `cwd` at the clock `now`; `over` replaces any io part. */
export function runCliIn(
  cwd: string,
  now: () => Date,
  args: readonly string[],
  over: Partial<CliIo> = {},
): CliOutcome {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    defaultDbPath: undefined,
    cwd,
    now,
    ...over,
  });
  return { code, stdout, stderr };
}
