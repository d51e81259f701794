// `writeoff import FILE`: load or refresh the A/R data file (SPEC §8). A bad file is rejected
// whole, every problem on its own stderr line by JSON path; nothing is written.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { importArFile } from '../app/import-ar-file.ts';
import {
  type CliIo,
  dbPath,
  fail,
  openOrCreate,
  removeDatabaseFiles,
  withDatabase,
} from './context.ts';

export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('load / refresh the A/R data file')
    .argument('<file>', 'A/R data file (JSON, version 1)')
    .option('--db <path>', 'database file')
    .action((file: string, options: { db?: string }) => {
      const path = dbPath(io, options.db);
      const existed = existsSync(path);
      const database = openOrCreate(path);
      const result = importArFile(database, file, io.now().getTime());
      if (!result.ok) {
        database.close();
        // A first import that fails leaves no empty database file behind.
        if (!existed) removeDatabaseFiles(path);
        fail(...result.error.map((p) => `${p.path}: ${p.message}`));
      }
      withDatabase(database, () => {
        const s = result.value;
        io.stdout(
          [
            `Imported ${file} (${s.currency}).`,
            `Invoices: ${s.invoices.inserted} new, ${s.invoices.updated} changed, ${s.invoices.unchanged} unchanged, ${s.invoices.settled} settled.`,
            `On-account items: ${s.onAccount.inserted} new, ${s.onAccount.updated} changed, ${s.onAccount.unchanged} unchanged, ${s.onAccount.settled} settled.`,
            ...(s.staleRequests.length === 0
              ? []
              : [`Stale requests: ${s.staleRequests.map((r) => r.requestId).join(', ')}.`]),
            '',
          ].join('\n'),
        );
      });
    });
}
