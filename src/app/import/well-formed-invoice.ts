// The import's fast path for an invoice with nothing to report (docs/decisions/390-import-cpu.md):
// plain checks instead of the zod schema, no JSON paths built. It accepts only what the full
// check (checkInvoice in ar-file-schema.ts) accepts, and returns the same invoice; on anything
// else it returns undefined and the full check runs, so every problem and its message comes
// from one place.
import { isIsoDate } from '../../domain/dates.ts';
import type { Invoice, InvoiceLine } from '../../domain/types.ts';
import { parseImportAmount } from './amount.ts';

/** Valid dates seen lately: a file repeats a few hundred dates across a million lines. */
const knownDates = new Set<string>();
const KNOWN_DATES_MAX = 4096;

export function isDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (knownDates.has(value)) return true;
  if (!isIsoDate(value)) return false;
  if (knownDates.size >= KNOWN_DATES_MAX) knownDates.clear();
  knownDates.add(value);
  return true;
}

/** The schema's `text`: a string, trimmed, not empty; undefined when it is not. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length === 0 ? undefined : trimmed;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Exactly the invoice schema's own keys, the required ones present (a strict object). */
function hasInvoiceKeys(raw: Record<string, unknown>): boolean {
  let keys = 0;
  for (const key in raw) {
    if (key !== 'number' && key !== 'customer' && key !== 'date' && key !== 'dueDate') {
      if (key !== 'lines') return false;
    }
    keys += 1;
  }
  return keys === 5;
}

function hasLineKeys(raw: Record<string, unknown>): boolean {
  for (const key in raw) {
    switch (key) {
      case 'line':
      case 'description':
      case 'due':
      case 'tax':
      case 'retainage':
      case 'financeCharge':
        continue;
      default:
        return false;
    }
  }
  return true;
}

const optionalText = (value: unknown) => value === undefined || typeof value === 'string';

/** An amount in minor units, or undefined for anything the full check would say about it. */
function minorOf(value: unknown, currency: string): number | undefined {
  if (value === undefined) return 0;
  if (typeof value !== 'string') return undefined;
  const parsed = parseImportAmount(value, currency);
  return parsed.ok ? parsed.value : undefined;
}

// docs/ar-file-format.md: the parts have due's sign (or are zero) and are at most due together.
export function partsFit(line: InvoiceLine): boolean {
  const { dueMinor, taxMinor, retainageMinor, financeChargeMinor } = line;
  const sign = Math.sign(dueMinor);
  for (const minor of [taxMinor, retainageMinor, financeChargeMinor]) {
    if (minor !== 0 && Math.sign(minor) !== sign) return false;
  }
  return Math.abs(taxMinor + retainageMinor + financeChargeMinor) <= Math.abs(dueMinor);
}

function wellFormedLine(raw: unknown, currency: string): InvoiceLine | undefined {
  if (!isPlainObject(raw) || !hasLineKeys(raw)) return undefined;
  const { line, description, due } = raw;
  if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1) return undefined;
  if (!optionalText(description) || typeof due !== 'string') return undefined;
  const dueMinor = minorOf(due, currency);
  const taxMinor = minorOf(raw.tax, currency);
  const retainageMinor = minorOf(raw.retainage, currency);
  const financeChargeMinor = minorOf(raw.financeCharge, currency);
  if (dueMinor === undefined || taxMinor === undefined) return undefined;
  if (retainageMinor === undefined || financeChargeMinor === undefined) return undefined;
  const checked: InvoiceLine = {
    line,
    description: description ?? '',
    dueMinor,
    taxMinor,
    retainageMinor,
    financeChargeMinor,
  };
  return partsFit(checked) ? checked : undefined;
}

/** Lines sorted by number, or undefined when one is not well formed or a number repeats. */
function wellFormedLines(raw: unknown, currency: string): InvoiceLine[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const lines: InvoiceLine[] = [];
  for (const rawLine of raw) {
    const line = wellFormedLine(rawLine, currency);
    if (line === undefined) return undefined;
    lines.push(line);
  }
  return sortedLines(lines);
}

/** `lines` sorted by number in place, or undefined when a number repeats. */
export function sortedLines(lines: InvoiceLine[]): InvoiceLine[] | undefined {
  lines.sort((a, b) => a.line - b.line);
  for (let i = 1; i < lines.length; i += 1) {
    if (lines[i]?.line === lines[i - 1]?.line) return undefined;
  }
  return lines;
}

/** The invoice checkInvoice would return for `raw`, or undefined: then ask checkInvoice. */
export function wellFormedInvoice(raw: unknown, currency: string): Invoice | undefined {
  if (!isPlainObject(raw) || !hasInvoiceKeys(raw)) return undefined;
  const number = text(raw.number);
  const customerId = text(raw.customer);
  const { date, dueDate } = raw;
  if (number === undefined || customerId === undefined) return undefined;
  if (!isDate(date) || !isDate(dueDate)) return undefined;
  const lines = wellFormedLines(raw.lines, currency);
  return lines === undefined ? undefined : { number, customerId, date, dueDate, lines };
}
