// `writeoff backup --to FILE` and `writeoff restore --from FILE` (docs/operations.md). The
// backup is taken while the bot runs; the restore refuses while a bot has the file open.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { backupDatabase, type DatabaseFileFacts, restoreDatabase } from '../app/backup-restore.ts';
import { isPostgresUrl } from '../db/store.ts';
import { type CliIo, dbPath, fail, openExisting, withDatabase } from './context.ts';

export function describeFacts(facts: DatabaseFileFacts): string {
  const last = facts.lastPostedAt ?? 'never';
  return (
    `${facts.journalEntries} journal entries (${facts.journalPostings} postings), ` +
    `${facts.auditRows} audit rows, ${facts.requests} requests, last posting ${last}, ` +
    `migration ${facts.migrationsApplied} of ${facts.migrationsKnown}`
  );
}

export function registerBackup(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('a consistent, checked copy of the live database (safe while the bot runs)')
    .requiredOption('--to <file>', 'where to write the backup (must not exist)')
    .option('--db <path>', 'database file')
    .action((options: { to: string; db?: string }) => {
      const target = resolve(io.cwd, options.to);
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const result = backupDatabase(store, target);
        if (!result.ok) fail(...result.error);
        io.stdout(`Backed up to ${target}: ${describeFacts(result.value)}. Integrity check ok.\n`);
      });
    });
  program
    .command('restore')
    .description('replace the database with a verified backup (stop the bot first)')
    .requiredOption('--from <file>', 'the backup to restore')
    .option('--db <path>', 'database file')
    .action((options: { from: string; db?: string }) => {
      const target = dbPath(io, options.db);
      if (isPostgresUrl(target)) {
        fail(
          'A PostgreSQL database is restored with pg_restore, not by writeoff (docs/operations.md).',
        );
      }
      const result = restoreDatabase(target, resolve(io.cwd, options.from), io.now());
      if (!result.ok) fail(...result.error);
      const { restored, replaced, keptAs } = result.value;
      io.stdout(`Restored ${target} from ${restored.path}: ${describeFacts(restored)}.\n`);
      if (keptAs === null) io.stdout('There was no database at that path before.\n');
      else if (replaced === null)
        io.stdout(`The unreadable file it replaced is kept as ${keptAs}.\n`);
      else io.stdout(`It replaced ${describeFacts(replaced)}; that file is kept as ${keptAs}.\n`);
    });
}
