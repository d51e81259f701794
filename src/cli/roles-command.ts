// `writeoff roles grant|revoke|list|limit`: role management for operators. The
// CLI acts as `system:cli`; every change is audited.
import type { Command } from 'commander';
import { listDelegations } from '../app/delegation.ts';
import { grantRole, listRoles, revokeRole, setApproverLimit } from '../app/roles.ts';
import { formatAmount } from '../domain/money.ts';
import {
  type CliIo,
  dbPath,
  failWith,
  openReadOnly,
  withDatabase,
  withNewOrExistingDatabase,
} from './context.ts';
import { registerDelegate } from './delegate-command.ts';
import { checkUserId } from './user-id.ts';

const ACTOR = 'system:cli';

export function registerRoles(program: Command, io: CliIo): void {
  const roles = program.command('roles').description('manage user roles and approver limits');
  for (const [name, change] of [
    ['grant', grantRole],
    ['revoke', revokeRole],
  ] as const) {
    roles
      .command(name)
      .description(`${name} a role (clerk, approver, manager, admin)`)
      .argument('<user>', 'Slack user id')
      .argument('<role>', 'clerk | approver | manager | admin')
      .option('--db <path>', 'database file')
      .action((userId: string, role: string, options: { db?: string }) => {
        checkUserId(userId);
        withNewOrExistingDatabase(dbPath(io, options.db), (store) => {
          const result = change({ store, now: io.now }, { by: ACTOR, userId, role });
          if (!result.ok) failWith(result.error, 'USD');
          const verb = name === 'grant' ? 'granted to' : 'revoked from';
          io.stdout(
            result.value.changed
              ? `Role ${role} ${verb} ${userId}.\n`
              : `Nothing to do: ${userId} ${name === 'grant' ? 'already has' : 'does not have'} role ${role}.\n`,
          );
        });
      });
  }
  roles
    .command('limit')
    .description('set an approver limit in a currency')
    .argument('<user>', 'Slack user id')
    .argument('<currency>', 'ISO 4217 code, e.g. USD')
    .argument(
      '<amount>',
      'largest gross amount (sum of absolute line amounts) the user may approve, e.g. 5000.00',
    )
    .option('--db <path>', 'database file')
    .action((userId: string, currency: string, amount: string, options: { db?: string }) => {
      checkUserId(userId);
      withNewOrExistingDatabase(dbPath(io, options.db), (store) => {
        const d = { store, now: io.now };
        const result = setApproverLimit(d, { by: ACTOR, userId, currency, amount });
        if (!result.ok) failWith(result.error, currency);
        io.stdout(`Approver limit of ${userId}: ${amount} ${currency}.\n`);
      });
    });
  registerDelegate(roles, io);
  roles
    .command('list')
    .description('list roles and approver limits')
    .option('--db <path>', 'database file')
    .action((options: { db?: string }) => {
      withDatabase(openReadOnly(dbPath(io, options.db)), (store) => {
        const { grants, limits } = listRoles({ store, now: io.now });
        const users = [
          ...new Set([...grants.map((g) => g.userId), ...limits.map((l) => l.userId)]),
        ].sort();
        if (users.length === 0) io.stdout('No roles granted.\n');
        for (const user of users) {
          const held = grants.filter((g) => g.userId === user).map((g) => g.role);
          const caps = limits
            .filter((l) => l.userId === user)
            .map((l) => `${formatAmount(l.limitMinor, l.currency)} ${l.currency}`);
          const limitText = caps.length === 0 ? '' : `  limit ${caps.join(', ')}`;
          io.stdout(`${user}  ${held.join(', ') || '(no role)'}${limitText}\n`);
        }
        for (const d of listDelegations({ store, now: io.now })) {
          io.stdout(
            `${d.approver}  delegates to ${d.delegate} from ${d.fromOn} until ${d.untilOn}\n`,
          );
        }
      });
    });
}
