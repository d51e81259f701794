// Operator commands on write-off requests: list them, and reverse a posted one
// (docs/write-off-rules.md#journal-entry). Approving stays in Slack, where the approver is who they
// say they are.
import { type Command, Option } from 'commander';
import { cancelRequest } from '../app/decide-request.ts';
import { listRequests, type RequestStatus } from '../app/request-views.ts';
import { reverseRequest } from '../app/reverse-request.ts';
import { REQUEST_STATUSES } from '../db/schema.ts';
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

export function registerRequests(program: Command, io: CliIo): void {
  program
    .command('requests')
    .description('list write-off requests, newest first')
    .addOption(new Option('--status <status>', 'only this status').choices([...REQUEST_STATUSES]))
    .option('--requester <user>', 'only this requester')
    .option('--db <path>', 'database file')
    .action((options: { status?: RequestStatus; requester?: string; db?: string }) => {
      withDatabase(openReadOnly(dbPath(io, options.db)), (store) => {
        const rows = listRequests(
          { store, now: io.now },
          {
            ...(options.status && { statuses: [options.status] }),
            ...(options.requester !== undefined && { requester: options.requester }),
            limit: 1000,
          },
        );
        if (rows.length === 0) io.stdout('No requests.\n');
        for (const r of rows) {
          const total = `${formatAmount(r.totalMinor, r.currency)} ${r.currency}`;
          io.stdout(
            `${r.id}  ${r.status}  ${r.mode}  ${r.customerId ?? '(many)'}  ${r.period}  ${total}  by ${r.requester}\n`,
          );
        }
      });
    });
  program
    .command('reverse')
    .description('reverse a posted write-off with a mirror journal entry')
    .requiredOption('--request <id>', 'write-off request id')
    .requiredOption(
      '--by <user>',
      'approver doing the reversal: not the requester, with a limit covering the gross amount',
    )
    .requiredOption('--reason <text>', 'why the write-off is reversed')
    .option('--period <name>', 'period of the reversal entry (default: the original one)')
    .option('--db <path>', 'database file')
    .action(
      (options: { request: string; by: string; reason: string; period?: string; db?: string }) => {
        withDatabase(openExisting(dbPath(io, options.db)), (store) => {
          const currency = ledgerCurrency(store);
          const result = reverseRequest(
            { store, now: io.now },
            {
              requestId: options.request,
              by: options.by,
              reason: options.reason,
              ...(options.period !== undefined && { period: options.period }),
            },
          );
          if (!result.ok) failWith(result.error, currency);
          io.stdout(
            `Reversed ${options.request}: journal entry ${result.value.entryId} in ${result.value.period}.\n`,
          );
        });
      },
    );
  program
    .command('cancel')
    .description('cancel a pending write-off request (its requester or an admin)')
    .requiredOption('--request <id>', 'write-off request id')
    .requiredOption('--as <member>', 'who cancels: the requester or an admin, e.g. U0123ABCD')
    .option('--db <path>', 'database file')
    .action((options: { request: string; as: string; db?: string }) => {
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const currency = ledgerCurrency(store);
        const result = cancelRequest(
          { store, now: io.now },
          { requestId: options.request, by: options.as },
        );
        if (!result.ok) failWith(result.error, currency);
        io.stdout(`Cancelled ${options.request}; its invoices are free for a new request.\n`);
      });
    });
}
