// The command line (docs/cli.md): one commander program, one file per command. runCli returns the
// exit code instead of exiting, so tests can run it in-process: 0 ok, 1 a user / validation
// error (one message per problem on stderr, nothing written), 2 a usage error.
import { Command, CommanderError } from 'commander';
import { registerAudit } from './audit-command.ts';
import { registerAuto } from './auto-command.ts';
import { registerBackup } from './backup-command.ts';
import { CliFailure, type CliIo } from './context.ts';
import { registerDemo } from './demo-command.ts';
import { registerDigest } from './digest-command.ts';
import { registerExport } from './export-command.ts';
import { registerImport } from './import-command.ts';
import { registerManual } from './manual-command.ts';
import { registerOutbox } from './outbox-command.ts';
import { registerPolicy } from './policy-command.ts';
import { registerRecovery } from './recovery-command.ts';
import { registerReject } from './reject-command.ts';
import { registerReminders } from './reminders-command.ts';
import { registerRequests } from './request-commands.ts';
import { registerRoles } from './roles-command.ts';

export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_USAGE = 2;

export function buildProgram(io: CliIo): Command {
  const program = new Command('writeoff')
    .description('A/R write-offs with second-person approval: import, preview, export, admin')
    // One message per problem on stderr (docs/cli.md): a hint, not the whole help, after a usage
    // error.
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const register of [
    registerImport,
    registerManual,
    registerAuto,
    registerExport,
    registerDemo,
    registerRoles,
    registerAudit,
    registerRequests,
    registerRecovery,
    registerReject,
    registerReminders,
    registerOutbox,
    registerBackup,
    registerDigest,
    registerPolicy,
  ]) {
    register(program, io);
  }
  // Sub-commands inherit the output and the throw-instead-of-exit behaviour.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
  return program;
}

/** `argv` are the user's arguments (without node and the script). */
export function runCli(argv: readonly string[], io: CliIo): number {
  const program = buildProgram(io);
  try {
    program.parse([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CliFailure) {
      for (const message of error.messages) io.stderr(`error: ${message}\n`);
      return EXIT_USER_ERROR;
    }
    if (error instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return quiet.includes(error.code) ? EXIT_OK : EXIT_USAGE;
    }
    throw error;
  }
}
