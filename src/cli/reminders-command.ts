// `writeoff reminders`: pending requests past the policy's SLA and where their reminder and
// escalation stand (docs/write-off-rules.md#reminders). Reads only; the bot sends them.
import type { Command } from 'commander';
import { overdueRequests } from '../app/reminders.ts';
import { type CliIo, dbPath, openReadOnly, withDatabase } from './context.ts';

const when = (ms: number | null) => (ms === null ? 'not yet' : new Date(ms).toISOString());

export function registerReminders(program: Command, io: CliIo): void {
  program
    .command('reminders')
    .description('pending requests past the SLA, with their reminder and escalation')
    .option('--db <path>', 'database file')
    .action((options: { db?: string }) => {
      withDatabase(openReadOnly(dbPath(io, options.db)), (store) => {
        const { slaHours, overdue } = overdueRequests({ store, now: io.now });
        if (overdue.length === 0) {
          io.stdout(`No pending request has waited longer than the SLA (${slaHours} hours).\n`);
        }
        for (const r of overdue) {
          io.stdout(
            `${r.requestId}  waiting ${r.hoursPending} h  reminded ${when(r.remindedAtMs)}  escalated ${when(r.escalatedAtMs)}\n`,
          );
        }
      });
    });
}
