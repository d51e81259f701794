// `writeoff policy check FILE` and `writeoff policy show`: the policy file (docs/policy.md) —
// validate one before installing it, or print the one in force and the versions recorded so far.
// Both read only: a version is recorded when the bot starts or a request is submitted.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type LoadedPolicy, loadPolicy, policyHistory, policyPathFor } from '../app/policy.ts';
import { type CliIo, dbPath, fail, openReadOnly, withDatabase } from './context.ts';

function describePolicy(loaded: LoadedPolicy): string[] {
  const { file } = loaded;
  return [
    `policy ${loaded.version} (${loaded.source})`,
    'reasons:',
    ...file.reasons.map(
      (r) =>
        `  ${r.code.padEnd(16)} ${r.label}  ${r.evidenceFrom === null ? 'no evidence needed' : `evidence from ${r.evidenceFrom}`}`,
    ),
    `SLA: ${file.slaHours} hours`,
    `split detection: ${file.splitDetection.threshold} within ${file.splitDetection.windowDays} days (not enforced yet)`,
    `reversal needs a second person: ${file.reversalNeedsSecondPerson ? 'yes' : 'no'}`,
  ];
}

export function registerPolicy(program: Command, io: CliIo): void {
  const policy = program
    .command('policy')
    .description('the write-off policy file (docs/policy.md)');
  policy
    .command('check')
    .description('validate a policy file without installing it')
    .argument('<file>', 'policy.json or policy.yml')
    .action((file: string) => {
      const loaded = loadPolicy(resolve(io.cwd, file));
      if (!loaded.ok) fail(...loaded.error);
      io.stdout(`${['OK: valid policy file', ...describePolicy(loaded.value)].join('\n')}\n`);
    });
  policy
    .command('show')
    .description('print the policy in force and the versions recorded in the database')
    .option('--db <path>', 'database file')
    .action((options: { db?: string }) => {
      const path = dbPath(io, options.db);
      const override = io.policyPath === undefined ? undefined : resolve(io.cwd, io.policyPath);
      const loaded = loadPolicy(policyPathFor(path, override));
      if (!loaded.ok) fail(...loaded.error);
      const lines = describePolicy(loaded.value);
      if (existsSync(path)) {
        withDatabase(openReadOnly(path), (store) => {
          const history = policyHistory({ store, now: io.now });
          lines.push('recorded versions (newest first):');
          if (history.length === 0) lines.push('  none yet');
          for (const row of history) {
            lines.push(
              `  ${row.version}  ${new Date(row.loadedAtMs).toISOString()}  ${row.source}`,
            );
          }
        });
      }
      io.stdout(`${lines.join('\n')}\n`);
    });
}
