// `writeoff manual --request FILE [--json]`: preview a manual write-off
// (docs/write-off-rules.md#manual-write-off, docs/manual-request-file.md) from a request file.
// Reads only.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { jsonSyntaxErrorAt } from '../app/import/json-syntax-error.ts';
import { previewManualRequest } from '../app/preview-write-off.ts';
import { submitManualRun } from '../app/submit-run.ts';
import { issuePath, plainIssueMessage } from '../app/zod-issues.ts';
import type { ManualRequest } from '../domain/manual.ts';
import { type CliIo, fail } from './context.ts';
import { printPreview } from './preview-output.ts';
import {
  addSubmitOptions,
  controlsOf,
  printSubmitted,
  requesterOf,
  type SubmitOptions,
} from './submit-output.ts';

const selection = z.strictObject({
  invoice: z.string().min(1),
  amount: z.string().optional(),
  account: z.string().optional(),
  comment: z.string().optional(),
});

const selections = z.array(selection).min(1);

/**
 * The request file (docs/manual-request-file.md). Amounts are text so that no float ever holds
 * money.
 */
export const manualRequestFile = z.strictObject({
  customer: z.string().min(1),
  period: z.string().min(1),
  date: z.string().optional(),
  method: z.enum(['entry', 'line-item']),
  account: z.string().optional(),
  comment: z.string().optional(),
  invoices: z.union([z.literal('all'), selections]),
});

export type ManualRequestFile = z.infer<typeof manualRequestFile>;

// A union reports only "Invalid input" at `invoices`; checking the list on its own names the
// exact element and field (`invoices[1].amount`).
const withoutInvoices = manualRequestFile.extend({ invoices: z.unknown() });

const INVOICES_SHAPE = 'must list at least one invoice, or be "all"';

/** Each problem of the file as `path: plain sentence`, worded like the A/R import's. */
function problemsOf(json: unknown): string[] {
  const top = withoutInvoices.safeParse(json);
  const problems = top.success ? [] : top.error.issues.map((i) => describe(i.path, i));
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return problems;
  const invoices = (json as { invoices?: unknown }).invoices;
  if (invoices === undefined || invoices === 'all') return problems;
  if (!Array.isArray(invoices) || invoices.length === 0) {
    return [...problems, `invoices: ${INVOICES_SHAPE}`];
  }
  const list = selections.safeParse(invoices);
  if (list.success) return problems;
  return [...problems, ...list.error.issues.map((i) => describe(['invoices', ...i.path], i))];
}

function describe(path: readonly PropertyKey[], issue: z.core.$ZodIssue): string {
  if (path.length > 0) return `${issuePath('', path)}: ${plainIssueMessage(issue)}`;
  return issue.code === 'invalid_type' ? 'must be one JSON object' : plainIssueMessage(issue);
}

function readRequestFile(path: string): ManualRequestFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? `not valid JSON at ${jsonSyntaxErrorAt(path)}`
        : 'cannot be read';
    fail(`request file ${path}: ${reason}`);
  }
  const parsed = manualRequestFile.safeParse(json);
  if (parsed.success) {
    // The Slack form requires the Entry comment (ADR 040); a file must not get past that rule.
    if (parsed.data.method === 'entry' && (parsed.data.comment ?? '').trim() === '') {
      fail(
        `request file ${path}: comment: required with "method": "entry" (why the invoices are written off; the approver and the auditors read it)`,
      );
    }
    return parsed.data;
  }
  fail(...problemsOf(json).map((problem) => `request file ${path}: ${problem}`));
}

export function toManualRequest(file: ManualRequestFile, today: string): ManualRequest {
  return {
    customerId: file.customer,
    period: file.period,
    date: file.date ?? today,
    method: file.method,
    ...(file.account === undefined ? {} : { account: file.account }),
    ...(file.comment === undefined ? {} : { comment: file.comment }),
    invoices:
      file.invoices === 'all'
        ? 'all'
        : file.invoices.map((s) => ({
            invoice: s.invoice,
            ...(s.amount === undefined ? {} : { amount: s.amount }),
            ...(s.account === undefined ? {} : { account: s.account }),
            ...(s.comment === undefined ? {} : { comment: s.comment }),
          })),
  };
}

// A person reading `--help` may not have docs/ at hand: show the file, not a reference to it.
const REQUEST_FILE_HELP = `
Request file (JSON):
  { "customer": "C100", "period": "2026-06", "date": "2026-06-15", "method": "entry",
    "account": "7100", "comment": "Chapter 7 bankruptcy",
    "invoices": [ { "invoice": "1001" }, { "invoice": "1002", "amount": "40.00" } ] }

  "comment" is required with "method": "entry". "date" defaults to today; an invoice
  without "amount" is written off in full;
  "invoices": "all" selects every open invoice of the customer. With "method": "line-item"
  each invoice carries its own "account" and "comment" instead of the top-level ones.
`;

export function registerManual(program: Command, io: CliIo): void {
  const command = program
    .command('manual')
    .description('preview a manual write-off from a request file (writes nothing unless --submit)')
    .requiredOption('--request <file>', 'manual request file (docs/manual-request-file.md)')
    .option('--json', 'print the preview (or the submitted request) as JSON')
    .option('--db <path>', 'database file');
  addSubmitOptions(command)
    .addHelpText('after', REQUEST_FILE_HELP)
    .action((options: { request: string } & SubmitOptions) => {
      const requester = requesterOf(options);
      const file = readRequestFile(options.request);
      if (requester !== undefined) {
        printSubmitted(io, options, (deps, today) =>
          submitManualRun(deps, toManualRequest(file, today), requester, controlsOf(options)),
        );
        return;
      }
      printPreview(io, options, (deps, today) =>
        previewManualRequest(deps, toManualRequest(file, today)),
      );
    });
}
