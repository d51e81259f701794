// `manual … --submit --as U…` and `auto … --submit --as U…`: the same pending request Slack's
// Submit creates, announced in the approvals channel by the running bot (its outbox pass picks
// the request up). `--json` prints exactly {"request", "status", "total"}; scripts rely on it.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AppDeps } from '../app/deps.ts';
import { loadPolicy, policyPathFor, recordPolicy } from '../app/policy.ts';
import { type RequestControls, SLACK_MEMBER_ID, type SubmittedRun } from '../app/submit-run.ts';
import { formatAmount } from '../domain/money.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { SplitWarning } from '../domain/split-detection.ts';
import type { Result } from '../domain/types.ts';
import {
  type CliIo,
  companyToday,
  dbPath,
  fail,
  failWith,
  ledgerCurrency,
  openExisting,
  withDatabase,
} from './context.ts';

export interface SubmitOptions {
  readonly submit?: boolean;
  readonly as?: string;
  readonly reason?: string;
  readonly evidence?: string;
  readonly revises?: string;
  readonly json?: boolean;
  readonly db?: string;
}

export function addSubmitOptions(command: Command): Command {
  return command
    .option('--submit', 'submit the previewed write-off for approval (needs --as)')
    .option('--as <member>', 'with --submit: the requester, a Slack member id like U0123ABCD')
    .option('--reason <code>', 'with --submit: a reason code of the policy (writeoff policy show)')
    .option('--evidence <text>', 'evidence link or note; the policy requires it above a threshold')
    .option('--revises <request>', 'with --submit: resubmit your rejected or stale request WO-…');
}

/** The requester to submit as, or undefined for a preview; refuses half-given flags. */
export function requesterOf(options: SubmitOptions): string | undefined {
  if (options.submit !== true) {
    if (options.as !== undefined) fail('--as: only meaningful with --submit');
    if (options.revises !== undefined) fail('--revises: only meaningful with --submit');
    return undefined;
  }
  if (options.as === undefined) {
    fail('--submit: say who submits with --as U0123ABCD (your Slack member id)');
  }
  if (!SLACK_MEMBER_ID.test(options.as)) {
    fail(
      `--as: "${options.as}" is not a Slack member id like U0123ABCD (Slack profile → ⋮ → Copy member ID)`,
    );
  }
  if ((options.reason ?? '').trim() === '') {
    fail(
      '--reason: required with --submit: a reason code of the policy (see writeoff policy show)',
    );
  }
  return options.as;
}

/** The reason code and evidence given on the command line. */
export function controlsOf(options: SubmitOptions): RequestControls {
  return {
    ...(options.reason !== undefined && { reasonCode: options.reason.trim() }),
    ...(options.evidence !== undefined && { evidence: options.evidence }),
    ...(options.revises !== undefined && { revises: options.revises.trim() }),
  };
}

export function submittedJson(run: SubmittedRun): {
  request: string;
  status: 'pending';
  total: string;
  relatedRequests?: string[];
} {
  return {
    request: run.requestId,
    status: run.status,
    total: formatAmount(run.totalMinor, run.currency),
    ...(run.split !== null && { relatedRequests: run.split.related.map((r) => r.requestId) }),
  };
}

/** docs/write-off-rules.md#split-detection: what the approver will be warned about. */
function splitWarningText(split: SplitWarning, currency: string): string {
  const money = (minor: number) => `${formatAmount(minor, currency)} ${currency}`;
  const related = split.related.map((r) => `${r.requestId} (${money(r.grossMinor)})`).join(', ');
  const again =
    split.sameInvoices.length === 0 ? '' : ` It writes off ${split.sameInvoices.join(', ')} again.`;
  return `Warning: possible split. You asked for write-offs for this customer in the last ${split.windowDays} days: ${related}; together ${money(split.combinedMinor)} (threshold ${money(split.thresholdMinor)}).${again} The approver must confirm seeing them.\n`;
}

export function printSubmitted(
  io: CliIo,
  options: SubmitOptions,
  run: (deps: AppDeps, today: string) => Result<SubmittedRun, AppError>,
): void {
  const path = dbPath(io, options.db);
  withDatabase(openExisting(path), (store) => {
    const currency = ledgerCurrency(store);
    // A changed policy file becomes a new version before the request is judged by it.
    const override = io.policyPath === undefined ? undefined : resolve(io.cwd, io.policyPath);
    const policy = loadPolicy(policyPathFor(path, override));
    if (!policy.ok) fail(...policy.error);
    recordPolicy({ store, now: io.now }, policy.value);
    const result = run({ store, now: io.now }, companyToday(store, io.now()));
    if (!result.ok) failWith(result.error, currency);
    const submitted = result.value;
    if (options.json) {
      io.stdout(`${JSON.stringify(submittedJson(submitted))}\n`);
      return;
    }
    const total = `${formatAmount(submitted.totalMinor, submitted.currency)} ${submitted.currency}`;
    io.stdout(
      `Submitted ${submitted.requestId} for approval: ${total} in ${submitted.items} item(s), pending. The bot announces it in the approvals channel.\n`,
    );
    if (submitted.split !== null) io.stdout(splitWarningText(submitted.split, submitted.currency));
  });
}
