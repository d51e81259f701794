// `writeoff reject --recovery RC-… | --request WO-… --by USER --reason TEXT`: says no to a
// recovery proposal or a pending write-off request (docs/write-off-rules.md#recovery, #approval),
// like "Reject" in Slack: a reason is required, nothing is posted, the requester is told.
import type { Command } from 'commander';
import { rejectRequest } from '../app/decide-request.ts';
import { rejectRecovery } from '../app/recovery-reject.ts';
import {
  type CliIo,
  dbPath,
  fail,
  failWith,
  ledgerCurrency,
  openExisting,
  withDatabase,
} from './context.ts';

interface RejectOptions {
  readonly recovery?: string;
  readonly request?: string;
  readonly by: string;
  readonly reason: string;
  readonly db?: string;
}

export function registerReject(program: Command, io: CliIo): void {
  program
    .command('reject')
    .description('reject a recovery proposal or a pending write-off request, with a reason')
    .option('--recovery <id>', 'recovery proposal id, e.g. RC-000001')
    .option('--request <id>', 'pending write-off request id, e.g. WO-000042')
    .requiredOption('--by <user>', 'approver (or admin) rejecting it: not the requester')
    .requiredOption('--reason <text>', 'why (the requester is told)')
    .option('--db <path>', 'database file')
    .action((options: RejectOptions) => {
      if ((options.recovery === undefined) === (options.request === undefined)) {
        fail('reject: give exactly one of --recovery RC-… or --request WO-…');
      }
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const deps = { store, now: io.now };
        const currency = ledgerCurrency(store);
        const what = { by: options.by, reason: options.reason };
        const result =
          options.recovery !== undefined
            ? rejectRecovery(deps, { recoveryId: options.recovery, ...what })
            : rejectRequest(deps, { requestId: options.request ?? '', ...what });
        if (!result.ok) failWith(result.error, currency);
        const id = options.recovery ?? options.request;
        io.stdout(`Rejected ${id}: nothing was posted; the requester is told in Slack.\n`);
      });
    });
}
