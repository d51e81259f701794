// The whole-ledger scan (src/db/open-items-scan.ts: lines pushed into an aggregate) reads what
// the per-customer read reads: same customers in the same order, same invoices, lines, sums of
// the lines left unread and versions, for every prefilter and date window, on a fresh ledger
// and one with write-offs posted, reversed and pending. A customer range of `''` onwards covers
// every customer but takes the per-customer read, so it is the oracle.
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.ts';
import {
  type ItemVersions,
  iterateCustomerOpenItems,
  type OpenItemsFilter,
} from '../../src/db/repos/open-items.ts';
import type { CandidatePrefilter } from '../../src/domain/auto-prefilter.ts';
import { NET_DATES } from '../app/prefilter-criteria.ts';
import { busyLedger, importedLedger } from '../app/prefilter-ledgers.ts';
import { testTx } from '../support/backend.ts';

const PREFILTERS: (CandidatePrefilter | undefined)[] = [
  undefined,
  { kind: 'has-finance-charge' },
  { kind: 'invoice-balance-within', limitMinor: 0 },
  { kind: 'invoice-balance-within', limitMinor: 2500 },
  { kind: 'invoice-balance-within', limitMinor: 10_000_000 },
];
const WINDOWS = [
  {},
  ...NET_DATES.map((dateBefore) => ({ dateBefore })),
  { dateFrom: '2026-01-01', dateBefore: '2026-04-01' },
];

function read(deps: AppDeps, filter: OpenItemsFilter) {
  const versions: ItemVersions = { invoices: new Map(), onAccount: new Map() };
  const progress: number[] = [];
  const customers = [
    ...iterateCustomerOpenItems(testTx(deps.store), filter, {
      versions,
      onCustomer: (done) => progress.push(done),
    }),
  ];
  return { customers, versions, progress };
}

describe('whole-ledger scan equals the per-customer read', () => {
  for (const [name, deps] of [
    ['fresh', importedLedger()],
    ['busy', busyLedger()],
  ] as const) {
    it(`${name} ledger: every prefilter and date window`, () => {
      let invoices = 0;
      for (const prefilter of PREFILTERS) {
        for (const window of WINDOWS) {
          const filter = { ...window, includeOnAccount: false, ...(prefilter && { prefilter }) };
          const scanned = read(deps, filter);
          const perCustomer = read(deps, { ...filter, customerFrom: '' });
          expect(scanned.customers).toStrictEqual(perCustomer.customers);
          expect(scanned.versions).toStrictEqual(perCustomer.versions);
          // Progress ends at every customer in range, whichever read.
          expect(scanned.progress.at(-1)).toBe(perCustomer.progress.at(-1));
          for (const c of scanned.customers) invoices += c.invoices.length;
        }
      }
      expect(invoices).toBeGreaterThan(100);
    });
  }

  it('two scans on one connection, read in turns, do not mix their customers', () => {
    const deps = importedLedger();
    const tx = testTx(deps.store);
    const all = [...iterateCustomerOpenItems(tx, { includeOnAccount: false })];
    const first = iterateCustomerOpenItems(tx, { includeOnAccount: false });
    const second = iterateCustomerOpenItems(tx, { includeOnAccount: false });
    const interleaved: [unknown, unknown][] = [];
    for (;;) {
      const a = first.next();
      const b = second.next();
      if (a.done || b.done) {
        expect(a.done && b.done).toBe(true);
        break;
      }
      interleaved.push([a.value, b.value]);
    }
    expect(interleaved.map(([a]) => a)).toStrictEqual(all);
    expect(interleaved.map(([, b]) => b)).toStrictEqual(all);
  });
});
