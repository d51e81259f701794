// `writeoff audit --request ID`: a request's trail, oldest first: when, who, what, details,
// and the Slack message it came from. Reads only.
import type { Command } from 'commander';
import { getAuditTrail, getRequestView } from '../app/request-views.ts';
import { type CliIo, dbPath, fail, openReadOnly, withDatabase } from './context.ts';

export function registerAudit(program: Command, io: CliIo): void {
  program
    .command('audit')
    .description("print a write-off request's audit trail")
    .requiredOption('--request <id>', 'write-off request id, e.g. WO-000042')
    .option('--json', 'print the trail as JSON')
    .option('--db <path>', 'database file')
    .action((options: { request: string; json?: boolean; db?: string }) => {
      withDatabase(openReadOnly(dbPath(io, options.db)), (store) => {
        const deps = { store, now: io.now };
        const view = getRequestView(deps, options.request);
        if (view === null) fail(`Write-off request ${options.request} does not exist.`);
        const trail = getAuditTrail(deps, options.request);
        if (options.json) {
          const rows = trail.map((a) => ({ ...a, at: new Date(a.atMs).toISOString() }));
          io.stdout(
            `${JSON.stringify({ request: view.id, status: view.status, trail: rows }, null, 2)}\n`,
          );
          return;
        }
        io.stdout(`${view.id}  ${view.status}  requested by ${view.requester}\n`);
        for (const a of trail) {
          const slack = a.slackChannel === null ? '' : `  [slack ${a.slackChannel} ${a.slackTs}]`;
          const details =
            Object.keys(a.details).length === 0 ? '' : `  ${JSON.stringify(a.details)}`;
          io.stdout(
            `${new Date(a.atMs).toISOString()}  ${a.actor}  ${a.action}${details}${slack}\n`,
          );
        }
      });
    });
}
