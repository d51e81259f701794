// `writeoff auto …`: preview an automatic run (docs/write-off-rules.md#automatic-write-off,
// docs/cli.md). Reads only. `--older-than` takes a date or `Nd`, N days before the write-off date
// (ADR 034).
import { type Command, Option } from 'commander';
import { previewAutomaticRun } from '../app/preview-write-off.ts';
import { submitAutomaticRun } from '../app/submit-run.ts';
import type {
  AutoCriteriaInput,
  AutoType,
  FcPercentOption,
  TextRange,
} from '../domain/automatic.ts';
import { olderThanFromDays } from '../domain/automatic.ts';
import { isIsoDate } from '../domain/dates.ts';
import type { WriteOffError } from '../domain/errors.ts';
import type { AppError } from '../domain/request-errors.ts';
import { err } from '../domain/types.ts';
import { type CliIo, fail } from './context.ts';
import { printPreview } from './preview-output.ts';
import { startProgress } from './progress.ts';

/** Runs over this many customers (in range) show their progress on stderr. */
export const AUTO_PROGRESS_MIN_CUSTOMERS = 500;

import {
  addSubmitOptions,
  controlsOf,
  printSubmitted,
  requesterOf,
  type SubmitOptions,
} from './submit-output.ts';

interface AutoOptions extends SubmitOptions {
  type: AutoType;
  value: string;
  fcPercent?: FcPercentOption;
  olderThan: string;
  startDate?: string;
  customers?: string;
  invoices?: string;
  period: string;
  date?: string;
  account?: string;
  comment?: string;
}

/** `A..B`, both ends non-empty. */
export function parseRange(flag: string, text: string): TextRange {
  const parts = text.split('..');
  const [from, to] = parts;
  if (parts.length !== 2 || from === undefined || to === undefined || from === '' || to === '') {
    fail(`--${flag}: "${text}" is not a range like FROM..TO (e.g. C100..C199)`);
  }
  return { from, to };
}

const DAYS = /^(\d{1,5})d$/;

/** A date passes through (the engine checks it); `90d` becomes the date 90 days before. */
export function resolveOlderThan(text: string, date: string): string {
  const days = DAYS.exec(text);
  if (days === null || !isIsoDate(date)) return text;
  return olderThanFromDays(date, Number(days[1]));
}

export function toCriteriaInput(options: AutoOptions, today: string): AutoCriteriaInput {
  const date = options.date ?? today;
  const customers = options.customers && parseRange('customers', options.customers);
  const invoices = options.invoices && parseRange('invoices', options.invoices);
  return {
    type: options.type,
    value: options.value,
    ...(options.fcPercent && { fcPercent: options.fcPercent }),
    olderThan: resolveOlderThan(options.olderThan, date),
    ...(options.startDate !== undefined && { startDate: options.startDate }),
    ...(customers && { customers }),
    ...(invoices && { invoices }),
    period: options.period,
    date,
    ...(options.account !== undefined && { account: options.account }),
  };
}

const REQUIRED = ['type', 'value', 'olderThan', 'period'] as const;

// Commander stops at the first missing mandatory option; a person fixing the command line
// wants all of them named in one go, so the check is ours (a usage error, exit 2).
function requireOptions(options: Partial<AutoOptions>, command: Command): AutoOptions {
  const missing = REQUIRED.filter((key) => options[key] === undefined);
  if (missing.length === 0) return options as AutoOptions;
  const flags = missing.map(
    (key) => command.options.find((o) => o.attributeName() === key)?.flags ?? key,
  );
  const noun = missing.length === 1 ? 'option' : 'options';
  return command.error(`error: required ${noun} not specified: ${flags.join(', ')}`, {
    code: 'commander.missingMandatoryOptionValue',
  });
}

export function registerAuto(program: Command, io: CliIo): void {
  const command = program
    .command('auto')
    .description('preview an automatic write-off run (writes nothing unless --submit)')
    .addOption(
      new Option('--type <type>', 'run type (required)').choices([
        'finance-charge',
        'invoice-balance',
        'account-balance',
      ]),
    )
    .option('--value <n>', 'amount, or percentage with --fc-percent (required)')
    .addOption(
      new Option('--fc-percent <how>', 'finance-charge percentage option').choices([
        'all-lines',
        'from-line-1',
      ]),
    )
    .option(
      '--older-than <date>',
      'invoices dated strictly before DATE, or Nd: N days before --date (required)',
    )
    .option('--start-date <date>', 'invoices dated on or after DATE')
    .option('--customers <range>', 'customer id range FROM..TO (inclusive)')
    .option('--invoices <range>', 'invoice number range FROM..TO (inclusive)')
    .option('--period <name>', 'fiscal period (required)')
    .option('--date <date>', 'write-off date (default: today in the company time zone)')
    .option('--account <code>', 'write-off account (default: the default write-off account)')
    .option('--comment <text>', 'with --submit: why, for the approver and the auditors')
    .option('--json', 'print the preview (or the submitted request) as JSON')
    .option('--db <path>', 'database file');
  addSubmitOptions(command).action((options: Partial<AutoOptions>, command: Command) => {
    const complete = requireOptions(options, command);
    const requester = requesterOf(options);
    if (requester !== undefined) {
      printSubmitted(io, options, (deps, today) => {
        const result = submitAutomaticRun(
          deps,
          toCriteriaInput(complete, today),
          requester,
          options.comment,
          controlsOf(options),
        );
        return result.ok ? result : err(namedByFlag(result.error));
      });
      return;
    }
    printPreview(io, options, (deps, today) => {
      const progress = startProgress(io, 'auto', 'customers', AUTO_PROGRESS_MIN_CUSTOMERS);
      const criteria = toCriteriaInput(complete, today);
      const result = previewAutomaticRun(deps, criteria, { onProgress: progress.update });
      progress.stop();
      return result.ok ? result : err(namedByFlag(result.error));
    });
  });
}

// The engine names its inputs (`olderThan`, `startDate`); on the command line the person typed
// `--older-than`, so a problem names the flag to fix.
const FLAGS: Readonly<Record<string, string>> = {
  olderThan: '--older-than',
  startDate: '--start-date',
  date: '--date',
  account: '--account',
};

export function namedByFlag(error: AppError): AppError {
  if (error.kind !== 'validation') return error;
  const errors = error.errors.map((e) => {
    const flag = 'field' in e && e.kind !== 'invalid_range' ? FLAGS[e.field] : undefined;
    if (flag === undefined) return e;
    // `--older-than 60` most likely meant 60 days: say how to write that.
    if (e.kind === 'invalid_date' && flag === '--older-than' && /^\d{1,5}$/.test(e.text)) {
      const hint = `${e.text}d for ${e.text} days before the write-off date`;
      return { ...e, field: flag, alternative: hint };
    }
    return { ...e, field: flag } as WriteOffError;
  });
  return { ...error, errors };
}
