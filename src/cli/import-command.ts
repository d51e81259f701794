// `writeoff import FILE`: load or refresh the A/R data file (docs/ar-file-format.md). A bad file is
// rejected whole, every problem on its own stderr line by JSON path; nothing is written.
import type { Command } from 'commander';
import { type ImportProblem, importArFile } from '../app/import-ar-file.ts';
import { err } from '../domain/types.ts';
import { type CliIo, dbPath, fillDatabase } from './context.ts';
import { startProgress } from './progress.ts';

/** Files from this size on (about 2,000 invoices) show their progress on stderr. */
export const IMPORT_PROGRESS_MIN_BYTES = 2 * 1024 * 1024;

export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('load / refresh the A/R data file')
    .argument('<file>', 'A/R data file: JSON (version 1), or CSV when the name ends in .csv')
    .option('--db <path>', 'database file')
    .option(
      '--allow-settle',
      'settle every open invoice the file leaves out, even more than a fifth of them',
    )
    .action((file: string, options: { db?: string; allowSettle?: boolean }) => {
      const s = fillDatabase(dbPath(io, options.db), (store) => {
        const progress = startProgress(io, 'import', 'bytes', IMPORT_PROGRESS_MIN_BYTES);
        const result = importArFile(store, file, io.now().getTime(), {
          allowSettle: options.allowSettle === true,
          onProgress: progress.update,
        });
        progress.stop();
        return result.ok ? result : err(result.error.map(describeProblem));
      });
      io.stdout(
        [
          `Imported ${file} (${s.currency}).`,
          `Invoices: ${s.invoices.inserted} new, ${s.invoices.updated} changed, ${s.invoices.unchanged} unchanged, ${s.invoices.settled} settled.`,
          `On-account items: ${s.onAccount.inserted} new, ${s.onAccount.updated} changed, ${s.onAccount.unchanged} unchanged, ${s.onAccount.settled} settled.`,
          ...(s.staleRequests.length === 0
            ? []
            : [`Stale requests: ${s.staleRequests.map((r) => r.requestId).join(', ')}.`]),
          ...(s.recoveries === undefined
            ? []
            : [
                `Recoveries proposed for approval (payments on written-off invoices): ${s.recoveries.join(', ')}.`,
              ]),
          '',
        ].join('\n'),
      );
    });
}

// Problems of the file as a whole carry the path `(file)`, which means nothing on a terminal:
// the operator just named the file, so the message stands alone.
function describeProblem(problem: ImportProblem): string {
  return problem.path === '(file)' ? problem.message : `${problem.path}: ${problem.message}`;
}
