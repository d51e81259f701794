// Pending requests on a PostgreSQL database for the multi-instance suites: the seeded ledger
// (ledger.ts) imported through the product's own store, then one request per customer writing
// off all of that customer's open invoices (so a larger ledger makes larger requests).
import type { ArFileSpec } from '../../../scripts/generate-ar-file.ts';
import { customerId } from '../../../scripts/generate-ar-file.ts';
import { previewManualRequest } from '../../../src/app/preview-write-off.ts';
import { submitRequest } from '../../../src/app/submit-request.ts';
import { listOpenInvoices } from '../../../src/db/repos/invoices.ts';
import { openPostgresStore } from '../../../src/db/store.ts';
import { TEST_REASON } from '../../support/app.ts';
import {
  CLERKS,
  OPEN_PERIOD,
  RELIABILITY_NOW_MS,
  SMALL_LEDGER,
  seedStore,
  WRITE_OFF_DATE,
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
      const customer = customerId(c);
      if (store.read((tx) => listOpenInvoices(tx, customer)).length === 0) continue;
      const preview = previewManualRequest(deps, {
        customerId: customer,
        period: OPEN_PERIOD,
        date: WRITE_OFF_DATE,
        method: 'entry',
        invoices: 'all',
      });
      if (!preview.ok) throw new Error(JSON.stringify(preview.error));
      const submitted = submitRequest(deps, {
        ...TEST_REASON,
        ...preview.value,
        requester: CLERKS[0],
      });
      if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
      requestIds.push(submitted.value.requestId);
    }
    return requestIds;
  } finally {
    store.close();
  }
}
