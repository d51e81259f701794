// `writeoff recoveries [--request ID]` lists recovery proposals; `writeoff recover --recovery RC-…
// --by USER` posts one (docs/write-off-rules.md#recovery), like `reverse --by`: the approver
// named must be allowed to, with a limit covering the amount.
import type { Command } from 'commander';
import { approveRecovery, recoveriesOf } from '../app/recovery.ts';
import { formatAmount } from '../domain/money.ts';
import {
  type CliIo,
  dbPath,
  failWith,
  ledgerCurrency,
  openExisting,
  openReadOnly,
  withDatabase,
} from './context.ts';

export function registerRecovery(program: Command, io: CliIo): void {
  program
    .command('recoveries')
    .description('list recoveries proposed after payments on written-off invoices')
    .option('--request <id>', 'only those of this write-off request')
    .option('--db <path>', 'database file')
    .action((options: { request?: string; db?: string }) => {
      withDatabase(openReadOnly(dbPath(io, options.db)), (store) => {
        const currency = ledgerCurrency(store);
        const rows = recoveriesOf({ store, now: io.now }, options.request);
        if (rows.length === 0) io.stdout('No recoveries.\n');
        for (const r of rows) {
          const money = (minor: number) => `${formatAmount(minor, currency)} ${currency}`;
          const entry = r.entryId === null ? '' : `  entry ${r.entryId} by ${r.decidedBy}`;
          io.stdout(
            `${r.id}  ${r.status}  ${r.requestId}  invoice ${r.invoiceNumber}  paid ${money(r.paidMinor)}  recover ${money(r.amountMinor)}${entry}\n`,
          );
        }
      });
    });
  program
    .command('recover')
    .description('post a proposed recovery: reverse that much of the written-off invoice')
    .requiredOption('--recovery <id>', 'recovery id, e.g. RC-000001')
    .requiredOption(
      '--by <user>',
      'approver posting it: not the original requester, with a limit covering it',
    )
    .option('--db <path>', 'database file')
    .action((options: { recovery: string; by: string; db?: string }) => {
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const currency = ledgerCurrency(store);
        const result = approveRecovery(
          { store, now: io.now },
          { recoveryId: options.recovery, by: options.by },
        );
        if (!result.ok) failWith(result.error, currency);
        io.stdout(
          `Posted ${options.recovery}: journal entry ${result.value.entryId} reverses part of ${result.value.requestId}.\n`,
        );
      });
    });
}
