// `writeoff outbox [--failed] [--retry ID | --retry-all]`: the notifications not delivered yet
// (pending and failed, or only failed), and re-sending failed ones once the cause is fixed. A
// retry puts the notification back in the queue; the running bot sends it within seconds.
// The CLI acts as `system:cli`; every retry is audited.
import type { Command } from 'commander';
import {
  listUndeliveredNotifications,
  retryFailedNotifications,
  type UndeliveredNotification,
} from '../app/notification-admin.ts';
import { type CliIo, dbPath, fail, failWith, openExisting, withDatabase } from './context.ts';

const ACTOR = 'system:cli';

interface OutboxOptions {
  failed?: boolean;
  retry?: string;
  retryAll?: boolean;
  json?: boolean;
  db?: string;
}

export function registerOutbox(program: Command, io: CliIo): void {
  program
    .command('outbox')
    .description('list Slack notifications not delivered yet; re-send failed ones')
    .option('--failed', 'only notifications that failed and are no longer retried')
    .option('--retry <id>', 'send one failed notification again')
    .option('--retry-all', 'send every failed notification again')
    .option('--json', 'print the list as JSON')
    .option('--db <path>', 'database file')
    .action((options: OutboxOptions) => {
      withDatabase(openExisting(dbPath(io, options.db)), (store) => {
        const deps = { store, now: io.now };
        if (options.retry !== undefined && options.retryAll === true) {
          fail('--retry and --retry-all: give one of them, not both.');
        }
        if (options.retry !== undefined || options.retryAll === true) {
          const target = options.retryAll === true ? 'all' : notificationId(options.retry);
          const result = retryFailedNotifications(deps, { target, by: ACTOR });
          if (!result.ok) failWith(result.error, '');
          const { requeued } = result.value;
          io.stdout(
            requeued.length === 0
              ? 'No failed notifications.\n'
              : `Queued again: ${requeued.join(', ')}. The running bot sends them on its next pass.\n`,
          );
          return;
        }
        const rows = listUndeliveredNotifications(deps, { failedOnly: options.failed === true });
        if (options.json) {
          io.stdout(`${JSON.stringify(rows.map(withIsoTimes), null, 2)}\n`);
          return;
        }
        io.stdout(formatRows(rows, options.failed === true));
      });
    });
}

function notificationId(text: string | undefined): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) {
    fail(`--retry: "${text}" is not a notification id (a whole number from \`writeoff outbox\`).`);
  }
  return id;
}

function withIsoTimes(row: UndeliveredNotification) {
  return { ...row, nextAt: new Date(row.nextAtMs).toISOString() };
}

function formatRows(rows: readonly UndeliveredNotification[], failedOnly: boolean): string {
  if (rows.length === 0) {
    return failedOnly ? 'No failed notifications.\n' : 'Every notification was delivered.\n';
  }
  const lines = rows.map((r) => {
    const when = r.status === 'failed' ? 'gave up' : `next ${new Date(r.nextAtMs).toISOString()}`;
    const error = r.lastError === null ? '' : `  last error: ${r.lastError}`;
    return `${r.id}  ${r.requestId ?? '-'}  ${r.action}  ${r.status}  ${r.attempts} attempts  ${when}${error}`;
  });
  const failed = rows.filter((r) => r.status === 'failed').length;
  const hint =
    failed === 0 ? '' : `${failed} failed: fix the cause, then \`writeoff outbox --retry-all\`.\n`;
  return `${lines.join('\n')}\n${hint}`;
}
