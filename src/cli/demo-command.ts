// `writeoff demo`: a database with realistic demo data (buildDemoArFile, dated today in the
// file's time zone). It only fills an EMPTY database: anything already imported or requested
// is refused rather than mixed with made-up data (ADR 036).
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ledgerIsEmpty, seedDemoLedger } from '../app/demo-seed.ts';
import {
  type CliIo,
  dbPath,
  fail,
  openOrCreate,
  removeDatabaseFiles,
  withDatabase,
} from './context.ts';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('create a database with realistic demo data (an empty database only)')
    .option('--db <path>', 'database file')
    .action((options: { db?: string }) => {
      const path = dbPath(io, options.db);
      const existed = existsSync(path);
      const database = openOrCreate(path);
      if (!ledgerIsEmpty(database)) {
        database.close();
        fail(
          `${path} already holds data; demo only fills an empty database. Use --db with a new file.`,
        );
      }
      const result = seedDemoLedger(database, io.now());
      if (!result.ok) {
        database.close();
        if (!existed) removeDatabaseFiles(path);
        fail(...result.error.map((p) => `demo data ${p.path}: ${p.message}`));
      }
      withDatabase(database, () => {
        const { summary: s, today } = result.value;
        io.stdout(
          `Demo database ${path}: ${s.customers} customers, ${s.invoices.inserted} invoices (${s.lines} lines), ${s.onAccount.inserted} on-account items, ${s.periods} periods, dated ${today}.\n`,
        );
      });
    });
}
