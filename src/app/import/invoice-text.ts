// An invoice read straight from its JSON text (docs/decisions/390-import-cpu.md): on a
// million-line file, JSON.parse building every line's object and amount strings cost more than
// the rest of the checks. This reads the usual invoice — strings without escapes, a line number
// in plain digits, amounts as plain decimal text — into the Invoice the fast path
// (wellFormedInvoice of JSON.parse of the same text) would return, and gives up with undefined
// on anything else, which then takes that path. What it accepts is always valid JSON.
import type { Invoice, InvoiceLine } from '../../domain/types.ts';
import { plainMinor } from './amount.ts';
import { isDate, text as nonBlankText, partsFit, sortedLines } from './well-formed-invoice.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const ZERO = 48;
const LOWEST_TEXT_CHAR = 0x20;
const MAX_LINE_DIGITS = 15;
/** V8's shortest sliced string (SlicedString::kMinLength); a shorter slice is copied. */
const SLICE_MIN_CHARS = 13;

const INVOICE_KEYS = ['number', 'customer', 'date', 'dueDate', 'lines'] as const;
const LINE_KEYS = ['line', 'description', 'due', 'tax', 'retainage', 'financeCharge'] as const;
const ALL_INVOICE_KEYS = (1 << INVOICE_KEYS.length) - 1;
const LINE_NUMBER = 0;
const DUE = 2;

class InvoiceText {
  private pos = 0;
  /** The last string read: text[stringStart, stringEnd). */
  private stringStart = 0;
  private stringEnd = 0;

  constructor(
    private readonly text: string,
    private readonly decimals: number,
  ) {}

  invoice(): Invoice | undefined {
    let number: string | undefined;
    let customerId: string | undefined;
    let date: string | undefined;
    let dueDate: string | undefined;
    let lines: InvoiceLine[] | undefined;
    let seen = 0;
    if (!this.punctuation(123)) return undefined;
    do {
      const key = this.key(INVOICE_KEYS);
      if (key < 0 || (seen & (1 << key)) !== 0) return undefined;
      seen |= 1 << key;
      if (key === 4) lines = this.lines();
      else {
        if (!this.string()) return undefined;
        const value = this.text.slice(this.stringStart, this.stringEnd);
        if (key === 0) number = nonBlankText(this.copiedString());
        else if (key === 1) customerId = nonBlankText(value);
        else if (key === 2) date = isDate(value) ? value : undefined;
        else dueDate = isDate(value) ? value : undefined;
      }
    } while (this.punctuation(COMMA));
    if (seen !== ALL_INVOICE_KEYS || !this.punctuation(125) || !this.atEnd()) return undefined;
    if (number === undefined || customerId === undefined || date === undefined) return undefined;
    if (dueDate === undefined || lines === undefined) return undefined;
    return { number, customerId, date, dueDate, lines };
  }

  private lines(): InvoiceLine[] | undefined {
    if (!this.punctuation(91)) return undefined;
    const lines: InvoiceLine[] = [];
    do {
      const line = this.line();
      if (line === undefined) return undefined;
      lines.push(line);
    } while (this.punctuation(COMMA));
    return this.punctuation(93) ? sortedLines(lines) : undefined;
  }

  private line(): InvoiceLine | undefined {
    if (!this.punctuation(123)) return undefined;
    const line = {
      line: 0,
      description: '',
      dueMinor: 0,
      taxMinor: 0,
      retainageMinor: 0,
      financeChargeMinor: 0,
    };
    let seen = 0;
    do {
      const key = this.key(LINE_KEYS);
      if (key < 0 || (seen & (1 << key)) !== 0) return undefined;
      seen |= 1 << key;
      if (key === LINE_NUMBER) {
        line.line = this.lineNumber();
        if (line.line === 0) return undefined;
        continue;
      }
      if (!this.string()) return undefined;
      if (key === 1) {
        line.description = this.text.slice(this.stringStart, this.stringEnd);
        continue;
      }
      const minor = plainMinor(this.text, this.stringStart, this.stringEnd, this.decimals);
      if (Number.isNaN(minor)) return undefined;
      if (key === DUE) line.dueMinor = minor;
      else if (key === 3) line.taxMinor = minor;
      else if (key === 4) line.retainageMinor = minor;
      else line.financeChargeMinor = minor;
    } while (this.punctuation(COMMA));
    const required = (1 << LINE_NUMBER) | (1 << DUE);
    if ((seen & required) !== required || !this.punctuation(125)) return undefined;
    return partsFit(line) ? line : undefined;
  }

  /**
   * The last string as a string of its own: the session keeps every invoice number, and V8 makes
   * a slice of SLICE_MIN_CHARS or more a view that would keep the file's 32 KiB chunk alive.
   * Shorter slices are copies already; JSON.parse of the quoted text always copies.
   */
  private copiedString(): string {
    const { text, stringStart: start, stringEnd: end } = this;
    if (end - start < SLICE_MIN_CHARS) return text.slice(start, end);
    return JSON.parse(text.slice(start - 1, end + 1)) as string;
  }

  /** A key among `keys` and its colon: the key's position, or -1. */
  private key(keys: readonly string[]): number {
    if (!this.string() || !this.punctuation(COLON)) return -1;
    const length = this.stringEnd - this.stringStart;
    for (let k = 0; k < keys.length; k += 1) {
      const name = keys[k] as string;
      if (name.length === length && this.isAt(name, this.stringStart)) return k;
    }
    return -1;
  }

  /** `name` at `start` (keys are a few characters: cheaper than a call to startsWith). */
  private isAt(name: string, start: number): boolean {
    for (let i = 0; i < name.length; i += 1) {
      if (this.text.charCodeAt(start + i) !== name.charCodeAt(i)) return false;
    }
    return true;
  }

  /** A JSON number that is a whole number from 1 up written in plain digits; 0 otherwise. */
  private lineNumber(): number {
    this.skipSpace();
    const { text } = this;
    const start = this.pos;
    let value = 0;
    let i = start;
    for (; i < text.length; i += 1) {
      const digit = text.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    const digits = i - start;
    if (digits === 0 || digits > MAX_LINE_DIGITS || text.charCodeAt(start) === ZERO) return 0;
    const next = text.charCodeAt(i);
    // A fraction or exponent follows: the number is not plain digits.
    if (next === 46 || next === 101 || next === 69) return 0;
    this.pos = i;
    return value;
  }

  /** A string without escapes or control characters, its content's bounds kept. */
  private string(): boolean {
    this.skipSpace();
    const { text } = this;
    if (text.charCodeAt(this.pos) !== QUOTE) return false;
    const start = this.pos + 1;
    for (let i = start; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.stringStart = start;
        this.stringEnd = i;
        this.pos = i + 1;
        return true;
      }
      if (c === BACKSLASH || c < LOWEST_TEXT_CHAR) return false;
    }
    return false;
  }

  /** The character `c` next (after white space), consumed; false when another comes. */
  private punctuation(c: number): boolean {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== c) return false;
    this.pos += 1;
    return true;
  }

  private atEnd(): boolean {
    this.skipSpace();
    return this.pos === this.text.length;
  }

  private skipSpace(): void {
    const { text } = this;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
      this.pos += 1;
    }
  }
}

/**
 * The invoice in `json` (one element of `invoices`) when it is the usual well-formed one, for
 * a currency of `decimals` decimals; undefined when the general path must judge it.
 */
export function invoiceFromText(json: string, decimals: number): Invoice | undefined {
  return new InvoiceText(json, decimals).invoice();
}
