// The A/R data file, version 1 (docs/ar-file-format.md): its TypeScript shape, and validation of
// each part in isolation so a streamed file can be checked element by element. Every problem
// carries the JSON path of the offending value (`invoices[3].lines[0].due`).
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates.ts';
import { currencyDecimals } from '../../domain/money.ts';
import type {
  Account,
  Customer,
  Invoice,
  InvoiceLine,
  OnAccountItem,
  Period,
} from '../../domain/types.ts';
import { issuePath, plainIssueMessage } from '../zod-issues.ts';
import { parseImportAmount } from './amount.ts';
import { wellFormedInvoice } from './well-formed-invoice.ts';

export interface ArFileLineV1 {
  line: number;
  description?: string;
  due: string;
  tax?: string;
  retainage?: string;
  financeCharge?: string;
}

/**
 * The JSON object of docs/ar-file-format.md, as written by the ERP (amounts are decimal strings).
 */
export interface ArFileV1 {
  version: 1;
  currency: string;
  timezone: string;
  accounts: { code: string; name: string; role: Account['role']; default?: boolean }[];
  periods: { name: string; start: string; end: string; closed: boolean }[];
  customers: { id: string; name: string }[];
  invoices: {
    number: string;
    customer: string;
    date: string;
    dueDate: string;
    lines: ArFileLineV1[];
  }[];
  onAccount?: { id: string; customer: string; date: string; amount: string }[];
}

export interface ImportProblem {
  readonly path: string;
  readonly message: string;
}

export const ROOT_SCALARS = ['version', 'currency', 'timezone'] as const;
export const ROOT_ARRAYS = ['accounts', 'periods', 'customers', 'invoices', 'onAccount'] as const;
export type RootArray = (typeof ROOT_ARRAYS)[number];
/** `onAccount` may be left out; every other member is required. */
export const OPTIONAL_ROOT_MEMBERS: readonly string[] = ['onAccount'];

const text = z.string().trim().min(1);
const date = z.string().refine(isIsoDate, { message: 'not a valid date (use YYYY-MM-DD)' });
// Amounts are JSON strings: a JSON number would pass through a binary float on most readers.
const amount = z.string({
  error: (issue) =>
    issue.input === undefined
      ? 'is required'
      : 'must be a decimal string such as "107.00", not a JSON number',
});
export const ACCOUNT_ROLES = [
  'ar',
  'ar_retainage',
  'fc_receivable',
  'tax_payable',
  'write_off',
  'fc_write_off',
];

const accountSchema = z.strictObject({
  code: text,
  name: text,
  role: z.enum(ACCOUNT_ROLES as [Account['role'], ...Account['role'][]]),
  default: z.boolean().optional(),
});
const periodSchema = z.strictObject({ name: text, start: date, end: date, closed: z.boolean() });
const customerSchema = z.strictObject({ id: text, name: text });
const lineSchema = z.strictObject({
  line: z.number().int().min(1),
  description: z.string().optional(),
  due: amount,
  tax: amount.optional(),
  retainage: amount.optional(),
  financeCharge: amount.optional(),
});
const invoiceSchema = z.strictObject({
  number: text,
  customer: text,
  date,
  dueDate: date,
  lines: z.array(lineSchema).min(1),
});
const onAccountSchema = z.strictObject({ id: text, customer: text, date, amount });

export function elementPath(key: string, index: number): string {
  return `${key}[${index}]`;
}

function zodProblems(base: string, error: z.ZodError): ImportProblem[] {
  return error.issues.map((issue) => ({
    path: issuePath(base, issue.path),
    message: plainIssueMessage(issue),
  }));
}

type Checked<T> = { value: T; problems: [] } | { value: undefined; problems: ImportProblem[] };

function checked<T>(schema: z.ZodType<T>, base: string, raw: unknown): Checked<T> {
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { value: parsed.data, problems: [] }
    : { value: undefined, problems: zodProblems(base, parsed.error) };
}

export function checkAccount(base: string, raw: unknown): Checked<Account> {
  const r = checked(accountSchema, base, raw);
  if (r.value === undefined) return r;
  const { code, name, role } = r.value;
  return { value: { code, name, role, isDefault: r.value.default === true }, problems: [] };
}

export function checkPeriod(base: string, raw: unknown): Checked<Period> {
  const r = checked(periodSchema, base, raw);
  if (r.value === undefined) return r;
  const { name, start, end, closed } = r.value;
  if (start > end) {
    return {
      value: undefined,
      problems: [{ path: `${base}.end`, message: `${end} is before start ${start}` }],
    };
  }
  return { value: { name, start, end, closed }, problems: [] };
}

export function checkCustomer(base: string, raw: unknown): Checked<Customer> {
  return checked(customerSchema, base, raw);
}

/** Decimal text → minor units, or a problem naming the path and the rule. */
export function checkAmount(
  path: string,
  value: string,
  currency: string,
  problems: ImportProblem[],
): number {
  const parsed = parseImportAmount(value, currency);
  if (parsed.ok) return parsed.value;
  const shown = JSON.stringify(value);
  const message = {
    empty: 'is empty',
    not_a_number: `not a decimal number: ${shown} (use digits and a dot, e.g. 1234.50)`,
    too_many_decimals: `more than ${currencyDecimals(currency)} decimals: ${shown}`,
    too_large: `too large: ${shown}`,
  }[parsed.error.problem];
  problems.push({ path, message });
  return 0;
}

export function checkInvoice(base: string, raw: unknown, currency: string): Checked<Invoice> {
  // The usual invoice, with nothing to report, skips the schema (docs/decisions/390-import-cpu.md).
  const wellFormed = wellFormedInvoice(raw, currency);
  return wellFormed === undefined
    ? checkInvoiceBySchema(base, raw, currency)
    : { value: wellFormed, problems: [] };
}

/** The full check: every problem of the invoice, each with its JSON path. */
export function checkInvoiceBySchema(
  base: string,
  raw: unknown,
  currency: string,
): Checked<Invoice> {
  const r = checked(invoiceSchema, base, raw);
  if (r.value === undefined) {
    return {
      value: undefined,
      problems: [...r.problems, ...wellFormedLineProblems(base, raw, currency)],
    };
  }
  const problems: ImportProblem[] = [];
  const seenLines = new Map<number, number>();
  const lines = r.value.lines.map((l, i): InvoiceLine => {
    const path = `${base}.lines[${i}]`;
    const first = seenLines.get(l.line);
    if (first !== undefined) {
      problems.push({
        path: `${path}.line`,
        message: `duplicate line ${l.line} (also at lines[${first}])`,
      });
    } else seenLines.set(l.line, i);
    return checkLine(path, l, currency, problems);
  });
  if (problems.length > 0) return { value: undefined, problems };
  lines.sort((a, b) => a.line - b.line);
  const { number, customer, date: invoiceOn, dueDate } = r.value;
  return { value: { number, customerId: customer, date: invoiceOn, dueDate, lines }, problems: [] };
}

// An invoice with a bad date or number still has its lines checked, so one run of the import
// lists every problem of the file (docs/ar-file-format.md), not the next one after each fix.
function wellFormedLineProblems(base: string, raw: unknown, currency: string): ImportProblem[] {
  const lines = typeof raw === 'object' && raw !== null ? (raw as { lines?: unknown }).lines : [];
  if (!Array.isArray(lines)) return [];
  const problems: ImportProblem[] = [];
  lines.forEach((rawLine, i) => {
    const parsed = lineSchema.safeParse(rawLine);
    if (parsed.success) checkLine(`${base}.lines[${i}]`, parsed.data, currency, problems);
  });
  return problems;
}

function checkLine(
  path: string,
  l: z.infer<typeof lineSchema>,
  currency: string,
  problems: ImportProblem[],
): InvoiceLine {
  const before = problems.length;
  const dueMinor = checkAmount(`${path}.due`, l.due, currency, problems);
  const part = (name: 'tax' | 'retainage' | 'financeCharge') =>
    checkAmount(`${path}.${name}`, l[name] ?? '0', currency, problems);
  const line: InvoiceLine = {
    line: l.line,
    description: l.description ?? '',
    dueMinor,
    taxMinor: part('tax'),
    retainageMinor: part('retainage'),
    financeChargeMinor: part('financeCharge'),
  };
  if (problems.length === before) checkLineParts(path, line, l, problems);
  return line;
}

// docs/ar-file-format.md: tax, retainage and finance charge are parts of due — same sign as due (or
// zero) and together at most due in magnitude.
function checkLineParts(
  path: string,
  line: InvoiceLine,
  l: z.infer<typeof lineSchema>,
  problems: ImportProblem[],
): void {
  const parts = [
    ['tax', line.taxMinor],
    ['retainage', line.retainageMinor],
    ['financeCharge', line.financeChargeMinor],
  ] as const;
  let wrongSign = false;
  for (const [name, minor] of parts) {
    if (minor !== 0 && Math.sign(minor) !== Math.sign(line.dueMinor)) {
      wrongSign = true;
      problems.push({
        path: `${path}.${name}`,
        message: `${l[name]} has the wrong sign: parts of due must have due's sign (due ${l.due})`,
      });
    }
  }
  const partsMinor = line.taxMinor + line.retainageMinor + line.financeChargeMinor;
  if (!wrongSign && Math.abs(partsMinor) > Math.abs(line.dueMinor)) {
    problems.push({
      path,
      message: `tax + retainage + financeCharge exceed due ${l.due}: the parts of a line cannot be larger than its due`,
    });
  }
}

export function checkOnAccount(
  base: string,
  raw: unknown,
  currency: string,
): Checked<OnAccountItem> {
  const r = checked(onAccountSchema, base, raw);
  if (r.value === undefined) return r;
  const problems: ImportProblem[] = [];
  const amountMinor = checkAmount(`${base}.amount`, r.value.amount, currency, problems);
  if (problems.length > 0) return { value: undefined, problems };
  const { id, customer, date: itemOn } = r.value;
  return { value: { id, customerId: customer, date: itemOn, amountMinor }, problems: [] };
}

/** `value[key]` when it is non-blank text, else undefined. */
export function usableText(value: unknown, key: string): string | undefined {
  const text = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}
