// `writeoff demo`: a database with realistic demo data (buildDemoArFile, dated today in the
// file's time zone). It only fills an EMPTY database: anything already imported or requested
// is refused rather than mixed with made-up data (ADR 036).
import type { Command } from 'commander';
import { ledgerIsEmpty, seedDemoLedger } from '../app/demo-seed.ts';
import { err } from '../domain/types.ts';
import { type CliIo, dbPath, describeDatabase, fillDatabase } from './context.ts';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('create a database with realistic demo data (an empty database only)')
    .option('--db <path>', 'database file')
    .action((options: { db?: string }) => {
      const path = dbPath(io, options.db);
      const { summary: s, today } = fillDatabase(path, (store) => {
        if (!ledgerIsEmpty(store)) {
          return err([
            `${describeDatabase(path)} already holds data; demo only fills an empty database. Use --db with a new file.`,
          ]);
        }
        const result = seedDemoLedger(store, io.now());
        return result.ok
          ? result
          : err(result.error.map((p) => `demo data ${p.path}: ${p.message}`));
      });
      io.stdout(
        `Demo database ${describeDatabase(path)}: ${s.customers} customers, ${s.invoices.inserted} invoices (${s.lines} lines), ${s.onAccount.inserted} on-account items, ${s.periods} periods, dated ${today}.\n`,
      );
    });
}
