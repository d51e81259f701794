// `writeoff roles delegate APPROVER --to DELEGATE --from DATE --until DATE` (or `--end`): an
// approver away names who stands in (docs/write-off-rules.md#delegation). The CLI acts as
// `system:cli`; every change is audited.
import type { Command } from 'commander';
import { endDelegation, setDelegation } from '../app/delegation.ts';
import { type CliIo, dbPath, fail, failWith, openExisting, withDatabase } from './context.ts';
import { checkUserId } from './user-id.ts';

const ACTOR = 'system:cli';

interface DelegateOptions {
  to?: string;
  from?: string;
  until?: string;
  end?: boolean;
  db?: string;
}

export function registerDelegate(roles: Command, io: CliIo): void {
  roles
    .command('delegate')
    .description("name an away approver's delegate between two dates (inclusive), or --end it")
    .argument('<approver>', 'Slack user id of the approver who is away')
    .option('--to <user>', 'Slack user id of the delegate')
    .option('--from <date>', 'first day away, YYYY-MM-DD (company calendar)')
    .option('--until <date>', 'last day away, YYYY-MM-DD')
    .option('--end', "end the approver's delegation now (they are back)")
    .option('--db <path>', 'database file')
    .action((approver: string, options: DelegateOptions) => {
      checkUserId(approver);
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const deps = { store, now: io.now };
        if (options.end === true) {
          const ended = endDelegation(deps, { by: ACTOR, approver });
          if (!ended.ok) failWith(ended.error, 'USD');
          io.stdout(
            ended.value.ended === 0
              ? `Nothing to do: ${approver} has no delegate.\n`
              : `Ended the delegation of ${approver}.\n`,
          );
          return;
        }
        const { to, from, until } = options;
        if (to === undefined || from === undefined || until === undefined) {
          fail('--to, --from and --until are required (or --end)');
        }
        checkUserId(to);
        const result = setDelegation(deps, {
          by: ACTOR,
          approver,
          delegate: to,
          fromOn: from,
          untilOn: until,
        });
        if (!result.ok) failWith(result.error, 'USD');
        io.stdout(
          `${to} stands in for ${approver} from ${from} until ${until}: reminders and escalations go to ${to}, who approves within their own limit.\n`,
        );
      });
    });
}
