// Pending requests on a PostgreSQL database for the multi-instance suites: the seeded ledger
// (ledger.ts) imported through the product's own store, then one request per customer writing
// off all of that customer's open invoices (so a larger ledger makes larger requests).
import type { ArFileSpec } from '../../../scripts/generate-ar-file.ts';
import { customerId } from '../../../scripts/generate-ar-file.ts';
import { openPostgresStore } from '../../../src/db/store.ts';
import {
  RELIABILITY_NOW_MS,
  SMALL_LEDGER,
  seedStore,
  submitWholeCustomer,
  writeLedgerFile,
} from './ledger.ts';

export interface PendingSpec {
  readonly requests: number;
  readonly ledger?: ArFileSpec;
  /** Customers skipped first (a second batch on the same ledger). */
  readonly fromCustomer?: number;
  /** False when the ledger was seeded already. */
  readonly seed?: boolean;
}

/** Seeds the database at `url` (migrating it) and submits `requests` requests; their ids. */
export function pendingRequests(url: string, dir: string, spec: PendingSpec): string[] {
  const store = openPostgresStore(url);
  try {
    const deps = { store, now: () => new Date(RELIABILITY_NOW_MS) };
    const ledger = spec.ledger ?? SMALL_LEDGER;
    if (spec.seed !== false) seedStore(store, writeLedgerFile(dir, ledger));
    const requestIds: string[] = [];
    for (let c = spec.fromCustomer ?? 0; requestIds.length < spec.requests; c += 1) {
      if (c >= ledger.customers) throw new Error(`only ${requestIds.length} customers have items`);
      const requestId = submitWholeCustomer(deps, customerId(c));
      if (requestId !== null) requestIds.push(requestId);
    }
    return requestIds;
  } finally {
    store.close();
  }
}
