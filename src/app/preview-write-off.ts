// Previews (docs/write-off-rules.md): load the ledger context and open items, run the pure engine,
// and record what the preview saw (item versions) so submit and approval can detect later changes.
// Reads happen in one read transaction, so a concurrent import cannot tear the picture.
import { loadLedgerContext } from '../db/repos/accounts.ts';
import { getCustomer } from '../db/repos/customers.ts';
import { listOpenInvoices } from '../db/repos/invoices.ts';
import {
  type ItemVersions,
  iterateCustomerOpenItems,
  type OpenItemsFilter,
} from '../db/repos/open-items.ts';
import {
  allInvoiceLocks,
  invoiceLockHolder,
  invoiceLocksOfCustomer,
} from '../db/repos/requests.ts';
import type { Tx } from '../db/store.ts';
import { candidatePrefilter } from '../domain/auto-prefilter.ts';
import type { AutoCriteria, AutoCriteriaInput } from '../domain/automatic.ts';
import { runAutomatic, validateAutoCriteria } from '../domain/automatic.ts';
import type { LedgerContext } from '../domain/ledger-context.ts';
import type { ManualRequest } from '../domain/manual.ts';
import { previewManual } from '../domain/manual.ts';
import { createPreviewBuilder, type ItemSink, type PreviewHeader } from '../domain/preview.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { PostingAccounts, Preview, Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { type ItemSnapshot, snapshotFrom, takeSnapshot } from './snapshot.ts';

export interface PreviewResult {
  readonly preview: Preview;
  /** Pass it back to submitRequest unchanged. */
  readonly snapshot: ItemSnapshot;
  /** Automatic runs: the validated criteria, for the request's audit trail. */
  readonly criteria?: AutoCriteria;
}

/** Preview of a manual write-off of one customer's invoices; writes nothing. */
export function previewManualRequest(
  deps: AppDeps,
  request: ManualRequest,
): Result<PreviewResult, AppError> {
  return readWithLedger(deps, (tx, ctx) => {
    if (getCustomer(tx, request.customerId) === null) {
      return err({
        kind: 'invalid_input',
        field: 'customer',
        message: `customer ${request.customerId} does not exist`,
      });
    }
    const invoices = listOpenInvoices(tx, request.customerId);
    const pending = invoiceLocksOfCustomer(tx, request.customerId);
    const result = previewManual(request, ctx, invoices, pending);
    if (!result.ok) return err({ kind: 'validation', errors: result.error });
    return ok({ preview: result.value, snapshot: takeSnapshot(tx, result.value) });
  });
}

export interface AutomaticRunOptions {
  /**
   * Let SQLite drop candidates that fail a necessary condition of the rule (ADR 070). Default
   * true; false reads every open item in the window, which the oracle test compares against.
   */
  readonly narrowInDatabase?: boolean;
  /** How many of the customers in range have been read, for a progress display. */
  readonly onProgress?: (doneCustomers: number, totalCustomers: number) => void;
}

/** Preview of an automatic run; customers stream through one at a time. Writes nothing. */
export function previewAutomaticRun(
  deps: AppDeps,
  input: AutoCriteriaInput,
  options: AutomaticRunOptions = {},
): Result<PreviewResult, AppError> {
  return readWithLedger(deps, (tx, ctx) => {
    const criteria = validateAutoCriteria(input, ctx);
    if (!criteria.ok) return err({ kind: 'validation', errors: criteria.error });
    const versions: ItemVersions = { invoices: new Map(), onAccount: new Map() };
    const builder = createPreviewBuilder(headerOf(criteria.value, ctx), ctx.postingAccounts);
    runInto(tx, criteria.value, options, builder, versions);
    const preview = builder.build();
    return ok({ preview, snapshot: snapshotFrom(preview, versions), criteria: criteria.value });
  });
}

/** A sink that sees a run's items as they are decided, and what it makes of them at the end. */
export interface StreamingSink<T> extends ItemSink {
  finish(): T;
}

/**
 * An automatic run streamed into `makeSink(header, accounts)`'s sink without keeping its items
 * (customers in id order, each customer's items in preview order), in one read transaction.
 */
export function streamAutomaticRun<T>(
  deps: AppDeps,
  input: AutoCriteriaInput,
  makeSink: (header: PreviewHeader, accounts: PostingAccounts) => StreamingSink<T>,
  options: AutomaticRunOptions = {},
): Result<T, AppError> {
  return readWithLedger(deps, (tx, ctx) => {
    const criteria = validateAutoCriteria(input, ctx);
    if (!criteria.ok) return err({ kind: 'validation', errors: criteria.error });
    const sink = makeSink(headerOf(criteria.value, ctx), ctx.postingAccounts);
    runInto(tx, criteria.value, options, sink, undefined);
    return ok(sink.finish());
  });
}

function headerOf(criteria: AutoCriteria, ctx: LedgerContext): PreviewHeader {
  return {
    mode: criteria.type,
    currency: ctx.currency,
    period: criteria.period,
    date: criteria.date,
  };
}

/** One read transaction with the ledger context loaded; no ledger yet is `no_ledger`. */
function readWithLedger<T>(
  deps: AppDeps,
  fn: (tx: Tx, ctx: LedgerContext) => Result<T, AppError>,
): Result<T, AppError> {
  return deps.store.read((tx): Result<T, AppError> => {
    const ctx = loadLedgerContext(tx);
    if (ctx === null) return err({ kind: 'no_ledger' });
    return fn(tx, ctx);
  });
}

function runInto(
  tx: Tx,
  criteria: AutoCriteria,
  options: AutomaticRunOptions,
  sink: ItemSink,
  versions: ItemVersions | undefined,
): void {
  const narrow = options.narrowInDatabase ?? true;
  const filter: OpenItemsFilter = {
    ...(criteria.customers && {
      customerFrom: criteria.customers.from,
      customerTo: criteria.customers.to,
    }),
    ...(criteria.invoices && {
      invoiceFrom: criteria.invoices.from,
      invoiceTo: criteria.invoices.to,
    }),
    ...(criteria.startDate !== undefined && { dateFrom: criteria.startDate }),
    dateBefore: criteria.olderThan,
    includeOnAccount: criteria.type === 'account-balance',
    ...(narrow && { prefilter: candidatePrefilter(criteria) }),
  };
  const customers = iterateCustomerOpenItems(tx, filter, {
    ...(options.onProgress && { onCustomer: options.onProgress }),
    ...(versions && { versions }),
  });
  runAutomatic(criteria, customers, pendingElsewhereOf(tx), sink);
}

/** Locks held in memory up to this many (a few MiB); beyond, one lookup per invoice. */
const LOCKS_IN_MEMORY = 50_000;

/** Which pending request holds an invoice: the locks read once, unless there are very many. */
function pendingElsewhereOf(tx: Tx): (invoice: string) => string | undefined {
  const locks = allInvoiceLocks(tx, LOCKS_IN_MEMORY);
  if (locks !== null) return (invoice) => locks.get(invoice);
  return (invoice) => invoiceLockHolder(tx, invoice) ?? undefined;
}
