// One pass over an A/R file: validates every element as it arrives, writes it while the file
// is still clean, and collects every problem with its JSON path. The caller runs the pass
// inside one transaction and rolls it back when any problem was found (ADR 013).
import type { ArImportWriter } from '../../db/repos/ar-import.ts';
import { currencyDecimals } from '../../domain/money.ts';
import type { Account, Invoice, Period } from '../../domain/types.ts';
import {
  ACCOUNT_ROLES,
  checkAccount,
  checkCustomer,
  checkInvoice,
  checkOnAccount,
  checkPeriod,
  elementPath,
  type ImportProblem,
  OPTIONAL_ROOT_MEMBERS,
  ROOT_ARRAYS,
  ROOT_SCALARS,
  type RootArray,
  usableText,
} from './ar-file-schema.ts';
import { checkChart, checkPeriods, type Indexed } from './chart-checks.ts';
import { checkHeader, type Header } from './header-checks.ts';
import {
  type Counts,
  HeaderNeeded,
  type ImportSummary,
  MAX_PROBLEMS,
  markStaleRequests,
  zeroCounts,
} from './import-summary.ts';
import { invoiceFromText } from './invoice-text.ts';
import type { RootVisitor } from './json-stream.ts';

export class ImportSession implements RootVisitor {
  private readonly problems: ImportProblem[] = [];
  private extraProblems = 0;
  private readonly header: { -readonly [K in keyof Header]?: Header[K] } = {};
  private readonly seen = new Set<string>();
  private readonly accounts: Indexed<Account>[] = [];
  private readonly periods: Indexed<Period>[] = [];
  private readonly customers = new Map<string, number>();
  private readonly invoiceNumbers = new Map<string, number>();
  private readonly onAccountIds = new Map<string, number>();
  private readonly laterCustomerRefs: { path: string; customerId: string }[] = [];
  private readonly invoiceCounts = zeroCounts();
  private readonly onAccountCounts = zeroCounts();
  private lines = 0;
  /** True on the second pass, after the scalars were read ahead: never ask again. */
  private readonly headerPreRead: boolean;

  constructor(
    private readonly writer: ArImportWriter,
    private readonly existingCurrency: string | null,
    knownHeader: Partial<Header> | undefined,
  ) {
    this.headerPreRead = knownHeader !== undefined;
    if (knownHeader?.currency !== undefined) this.header.currency = knownHeader.currency;
  }

  member(key: string, value: unknown): void {
    this.seen.add(key);
    if ((ROOT_SCALARS as readonly string[]).includes(key)) {
      const checked = checkHeader(key as keyof Header, value, this.existingCurrency);
      if (checked.ok) Object.assign(this.header, { [key]: checked.value });
      else this.add([checked.error]);
    } else if ((ROOT_ARRAYS as readonly string[]).includes(key)) {
      this.add([{ path: key, message: 'must be an array' }]);
    } else this.add([{ path: key, message: `unknown field "${key}"` }]);
  }

  arrayStart(key: string): boolean {
    this.seen.add(key);
    if (!(ROOT_ARRAYS as readonly string[]).includes(key)) {
      this.add([{ path: key, message: `unknown field "${key}"` }]);
      return false;
    }
    if ((key === 'invoices' || key === 'onAccount') && this.header.currency === undefined) {
      if (!this.seen.has('currency') && !this.headerPreRead) throw new HeaderNeeded();
    }
    return true;
  }

  element(key: string, index: number, value: unknown): void {
    const path = elementPath(key, index);
    switch (key as RootArray) {
      case 'accounts':
        this.account(path, index, value);
        break;
      case 'periods':
        this.keep(checkPeriod(path, value), this.periods, index);
        break;
      case 'customers':
        this.customer(path, index, value);
        break;
      case 'invoices':
        this.invoice(path, index, value);
        break;
      case 'onAccount':
        this.onAccountItem(path, index, value);
        break;
    }
  }

  arrayEnd(): void {}

  /** The usual invoice, read from its text without JSON.parse (docs/decisions/390-import-cpu.md). */
  elementText(key: string, index: number, json: string): boolean {
    if (key !== 'invoices') return false;
    const invoice = invoiceFromText(json, currencyDecimals(this.header.currency ?? 'XXX'));
    if (invoice === undefined) return false;
    this.acceptInvoice(index, invoice);
    return true;
  }

  problem(problem: ImportProblem): void {
    this.add([problem]);
  }

  /** File-wide checks, then the final writes. Returns the problems or the summary. */
  end(): ImportProblem[] | ImportSummary {
    this.checkRequiredMembers();
    this.add(checkChart(this.accounts));
    this.add(checkPeriods(this.periods));
    // Without a customers list, "is required" already says it; no per-invoice noise.
    if (this.seen.has('customers')) {
      for (const ref of this.laterCustomerRefs) this.customerRef(ref.path, ref.customerId);
    }
    if (this.problems.length > 0) return this.allProblems();
    return this.finish();
  }

  private finish(): ImportSummary {
    const { currency = '', timezone = '' } = this.header;
    this.writer.putSettings(currency, timezone);
    this.writer.replaceAccounts(this.accounts.map((a) => a.value));
    this.writer.replacePeriods(this.periods.map((p) => p.value));
    const settled = this.writer.settleAbsent();
    this.invoiceCounts.settled = settled.invoices;
    this.onAccountCounts.settled = settled.onAccount;
    const staleRequests = markStaleRequests(this.writer);
    const inFile = (c: Counts) => c.inserted + c.updated + c.unchanged;
    this.writer.finish({
      invoices: inFile(this.invoiceCounts),
      lines: this.lines,
      onAccount: inFile(this.onAccountCounts),
    });
    return {
      importId: this.writer.importId,
      currency,
      customers: this.customers.size,
      accounts: this.accounts.length,
      periods: this.periods.length,
      invoices: { ...this.invoiceCounts },
      lines: this.lines,
      onAccount: { ...this.onAccountCounts },
      staleRequests,
    };
  }

  private get writing(): boolean {
    return this.problems.length === 0;
  }

  private add(problems: readonly ImportProblem[]): void {
    for (const p of problems) {
      if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
      else this.extraProblems += 1;
    }
  }

  private allProblems(): ImportProblem[] {
    if (this.extraProblems === 0) return this.problems;
    const more = { path: '(file)', message: `… and ${this.extraProblems} more problems` };
    return [...this.problems, more];
  }

  private keep<T>(
    r: { value: T; problems: [] } | { value: undefined; problems: ImportProblem[] },
    into: Indexed<T>[],
    index: number,
  ): void {
    if (r.value === undefined) this.add(r.problems);
    else into.push({ index, value: r.value });
  }

  private checkRequiredMembers(): void {
    for (const key of [...ROOT_SCALARS, ...ROOT_ARRAYS]) {
      if (!this.seen.has(key) && !OPTIONAL_ROOT_MEMBERS.includes(key)) {
        this.add([{ path: key, message: 'is required' }]);
      }
    }
  }

  /** `path` is called only when there is a problem to locate (most items have none). */
  private duplicate(
    path: () => string,
    what: string,
    id: string,
    ids: Map<string, number>,
    index: number,
  ) {
    const first = ids.get(id);
    if (first === undefined) {
      ids.set(id, index);
      return false;
    }
    const at = path();
    const key = at.slice(0, at.indexOf('['));
    this.add([{ path: at, message: `duplicate ${what} "${id}" (first at ${key}[${first}])` }]);
    return true;
  }

  private customer(path: string, index: number, value: unknown): void {
    const r = checkCustomer(path, value);
    if (r.value === undefined) {
      this.add(r.problems);
      // The customer is in the file, only malformed: its invoices must not also say "unknown
      // customer". One root problem per mistake (docs/ar-file-format.md).
      const id = usableText(value, 'id');
      if (id !== undefined)
        this.duplicate(() => `${path}.id`, 'customer id', id, this.customers, index);
      return;
    }
    if (this.duplicate(() => `${path}.id`, 'customer id', r.value.id, this.customers, index)) {
      return;
    }
    if (this.writing) this.writer.upsertCustomer(r.value);
  }

  /** A malformed account with a usable code and role still counts for the chart checks. */
  private account(path: string, index: number, value: unknown): void {
    const r = checkAccount(path, value);
    if (r.value !== undefined) {
      this.accounts.push({ index, value: r.value });
      return;
    }
    this.add(r.problems);
    const code = usableText(value, 'code');
    const role = usableText(value, 'role');
    if (code !== undefined && role !== undefined && (ACCOUNT_ROLES as string[]).includes(role)) {
      const isDefault = Reflect.get(value as object, 'default') === true;
      this.accounts.push({
        index,
        value: { code, name: '', role: role as Account['role'], isDefault },
      });
    }
  }

  private customerRef(path: string, customerId: string): void {
    if (!this.customers.has(customerId)) {
      this.add([{ path, message: `unknown customer "${customerId}" (not in customers)` }]);
    }
  }

  /** Customers listed after the invoices are checked at the end; `path` as in `duplicate`. */
  private checkCustomerOf(path: () => string, customerId: string): void {
    if (!this.seen.has('customers')) this.laterCustomerRefs.push({ path: path(), customerId });
    else if (!this.customers.has(customerId)) this.customerRef(path(), customerId);
  }

  /** A malformed item's customer is still checked when it is a usable id (all problems at once). */
  private checkRawCustomerOf(path: string, value: unknown): void {
    const customer = usableText(value, 'customer');
    if (customer !== undefined) this.checkCustomerOf(() => `${path}.customer`, customer);
  }

  private invoice(path: string, index: number, value: unknown): void {
    const r = checkInvoice(path, value, this.header.currency ?? 'XXX');
    if (r.value === undefined) {
      this.add(r.problems);
      this.checkRawCustomerOf(path, value);
      return;
    }
    this.acceptInvoice(index, r.value);
  }

  /** A checked invoice, from its text or parsed: its element path is built only if needed. */
  private acceptInvoice(index: number, invoice: Invoice): void {
    const at = (field: string) => () => `${elementPath('invoices', index)}.${field}`;
    const { number } = invoice;
    if (this.duplicate(at('number'), 'invoice number', number, this.invoiceNumbers, index)) return;
    this.checkCustomerOf(at('customer'), invoice.customerId);
    this.lines += invoice.lines.length;
    if (this.writing) this.invoiceCounts[this.writer.upsertInvoice(invoice)] += 1;
  }

  private onAccountItem(path: string, index: number, value: unknown): void {
    const r = checkOnAccount(path, value, this.header.currency ?? 'XXX');
    if (r.value === undefined) {
      this.add(r.problems);
      this.checkRawCustomerOf(path, value);
      return;
    }
    const item = r.value;
    if (this.duplicate(() => `${path}.id`, 'on-account id', item.id, this.onAccountIds, index)) {
      return;
    }
    this.checkCustomerOf(() => `${path}.customer`, item.customerId);
    if (this.writing) this.onAccountCounts[this.writer.upsertOnAccount(item)] += 1;
  }
}
