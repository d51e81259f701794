// Oracle for ADR 070: SQLite narrows an automatic run's candidates by necessary conditions
// only, so over the demo ledger (plus a few edge-case invoices) and random criteria of every
// type, the preview WITH the prefilter deep-equals the preview WITHOUT it — items, skipped
// (`polarity`, `pending_elsewhere`), journal, totals, snapshot (and the snapshot is what a
// second read of the versions finds). Two ledgers: freshly imported,
// and one where write-offs were posted, one reversed, and others left pending.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { buildDemoArFile } from '../../src/app/demo-data.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import type { ArFileV1 } from '../../src/app/import-ar-file.ts';
import { importArFile } from '../../src/app/import-ar-file.ts';
import { previewAutomaticRun, previewManualRequest } from '../../src/app/preview-write-off.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import { takeSnapshot } from '../../src/app/snapshot.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { iterateCustomerOpenItems } from '../../src/db/open-items.repo.ts';
import type { AutoCriteriaInput, AutoType } from '../../src/domain/automatic.ts';
import { formatAmount } from '../../src/domain/money.ts';
import type { Preview } from '../../src/domain/types.ts';
import { appDeps, TEST_REASON, unwrap } from '../support/app.ts';
import { createTestDatabase, NOW_MS } from '../support/db.ts';

const TODAY = '2026-06-15';
const CLERK = 'U_CLERK';
const APPROVER = 'U_APPROVER';

const line = (n: number, due: number, fc = 0, retainage = 0) => ({
  line: n,
  description: 'edge case',
  due: formatAmount(due, 'USD'),
  tax: '0.00',
  retainage: formatAmount(retainage, 'USD'),
  financeCharge: formatAmount(fc, 'USD'),
});

/** The demo file plus invoices the demo lacks: polarity, mixed signs, zero balance, net 0. */
function ledgerFile(): ArFileV1 {
  const file = buildDemoArFile(TODAY);
  const inv = (
    number: string,
    customer: string,
    date: string,
    lines: ArFileV1['invoices'][0]['lines'],
  ) => ({
    number,
    customer,
    date,
    dueDate: date,
    lines,
  });
  return {
    ...file,
    customers: [...file.customers, { id: 'C105', name: 'Net Zero Ltd' }],
    invoices: [
      ...file.invoices,
      inv('X001', 'C110', '2026-02-10', [line(1, 10000, 1000), line(2, -30000)]),
      inv('X002', 'C110', '2026-01-20', [line(1, 20000, 2000), line(2, -5000, -500)]),
      inv('X003', 'C120', '2026-03-05', [line(1, 10000, 700), line(2, -10000)]),
      inv('X004', 'C105', '2026-02-01', [line(1, 5000, 500)]),
      inv('X005', 'C130', '2026-01-05', [line(1, 10000, 0, 10000)]),
      inv('X006', 'C130', '2025-12-24', [line(1, -10000, -1000)]),
      inv('X007', 'C130', '2025-12-24', [line(1, 9000, 3000, 6000), line(2, 400, 400)]),
    ],
    onAccount: [
      ...(file.onAccount ?? []),
      { id: 'P-X1', customer: 'C105', date: '2026-02-02', amount: '-50.00' },
      { id: 'P-X2', customer: 'C130', date: '2026-01-06', amount: '12.00' },
    ],
  };
}

function importedLedger(): AppDeps {
  const database = createTestDatabase();
  unwrap(importArFile(database, ledgerFile(), NOW_MS));
  const deps = appDeps(database);
  const by = 'system:test';
  unwrap(grantRole(deps, { by, userId: APPROVER, role: 'approver' }));
  unwrap(setApproverLimit(deps, { by, userId: APPROVER, currency: 'USD', amount: '99999999.00' }));
  return deps;
}

function submitAuto(deps: AppDeps, input: AutoCriteriaInput): string {
  const { preview, snapshot } = unwrap(previewAutomaticRun(deps, input));
  return unwrap(submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK }))
    .requestId;
}

function submitManual(
  deps: AppDeps,
  customerId: string,
  invoices: { invoice: string; amount?: string }[],
): string {
  const request = {
    customerId,
    period: '2026-06',
    date: TODAY,
    method: 'entry' as const,
    invoices,
  };
  const { preview, snapshot } = unwrap(previewManualRequest(deps, request));
  return unwrap(
    submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK, method: 'entry' }),
  ).requestId;
}

const run = (type: AutoType, value: string, over: Partial<AutoCriteriaInput> = {}) => ({
  type,
  value,
  olderThan: '2026-04-01',
  period: '2026-06',
  date: TODAY,
  ...over,
});

/** Posted (partial and automatic), reversed, and pending requests, so balances moved. */
function busyLedger(): AppDeps {
  const deps = importedLedger();
  const approve = (requestId: string) =>
    unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
  approve(
    submitManual(deps, 'C100', [{ invoice: '10001', amount: '10.00' }, { invoice: '10002' }]),
  );
  approve(
    submitAuto(
      deps,
      run('finance-charge', '50', {
        fcPercent: 'all-lines',
        customers: { from: 'C200', to: 'C260' },
      }),
    ),
  );
  const reversed = submitAuto(
    deps,
    run('invoice-balance', '30.00', { customers: { from: 'C300', to: 'C390' } }),
  );
  approve(reversed);
  unwrap(reverseRequest(deps, { requestId: reversed, by: APPROVER, reason: 'test' }));
  submitManual(deps, 'C105', [{ invoice: 'X004' }]);
  submitManual(deps, 'C110', [{ invoice: 'X001' }, { invoice: 'X002' }]);
  submitAuto(deps, run('finance-charge', '0', { customers: { from: 'C400', to: 'C450' } }));
  submitAuto(deps, run('invoice-balance', '25.00', { customers: { from: 'C100', to: 'C100' } }));
  return deps;
}

const CUSTOMER_IDS = [
  'C100',
  'C105',
  'C11',
  'C110',
  'C130',
  'C2',
  'C250',
  'C300',
  'C420',
  'C490',
  'D',
];
const INVOICE_NUMBERS = [
  '1',
  '10001',
  '10050',
  '10200',
  '10321',
  '10599',
  '2',
  'X001',
  'X004',
  'Y',
];

/** Older-than dates for which `EXACT_MINOR` holds every customer's net. */
const NET_DATES = ['2026-01-01', '2026-03-01', '2026-04-01', '2026-06-20'];

const ledgers = { fresh: importedLedger(), busy: busyLedger() };

/** Every customer's net |Σ| of the items dated before `olderThan` (account-balance boundaries). */
function customerNets(deps: AppDeps, olderThan: string): number[] {
  return deps.database.sqlite
    .prepare(
      `SELECT abs(sum(a)) FROM (
         SELECT customer_id AS c, open_minor AS a FROM invoices WHERE invoice_on < @d
         UNION ALL SELECT customer_id, amount_minor FROM on_account_items WHERE item_on < @d)
       GROUP BY c`,
    )
    .pluck()
    .all({ d: olderThan }) as number[];
}
/** Every invoice balance (invoice-balance boundaries). */
const EXACT_MINOR = [
  ...new Set(
    Object.values(ledgers).flatMap(
      (deps) =>
        deps.database.sqlite
          .prepare('SELECT DISTINCT abs(open_minor) FROM invoices')
          .pluck()
          .all() as number[],
    ),
  ),
];

const arbDate = fc.oneof(
  fc
    .integer({ min: 0, max: 330 })
    .map((days) => new Date(Date.UTC(2025, 7, 1) + days * 86_400_000).toISOString().slice(0, 10)),
  fc.constantFrom(...NET_DATES),
);
const arbRange = (values: readonly string[]) =>
  fc.option(
    fc
      .tuple(fc.constantFrom(...values), fc.constantFrom(...values))
      .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
    { nil: undefined },
  );
const arbAmountText = fc
  .oneof(
    fc.integer({ min: -5_000, max: 5_000 }),
    fc.integer({ min: -500_000, max: 500_000 }),
    fc.integer({ min: -50_000_000, max: 50_000_000 }),
    fc.constantFrom(...EXACT_MINOR),
    fc.constantFrom(...EXACT_MINOR).map((m) => -m),
  )
  .map((minor) => formatAmount(minor, 'USD'));
const arbValue = fc.oneof(
  fc.record({
    type: fc.constantFrom<AutoType>('invoice-balance', 'account-balance'),
    value: arbAmountText,
  }),
  fc.record({
    type: fc.constant<AutoType>('finance-charge'),
    value: arbAmountText.map((t) => t.replace('-', '')),
  }),
  fc.record({
    type: fc.constant<AutoType>('finance-charge'),
    value: fc.integer({ min: 1, max: 100 }).map(String),
    fcPercent: fc.constantFrom('all-lines' as const, 'from-line-1' as const),
  }),
);
const arbCriteria: fc.Arbitrary<AutoCriteriaInput> = fc
  .record({
    rule: arbValue,
    olderThan: arbDate,
    startDate: fc.option(arbDate, { nil: undefined }),
    customers: arbRange(CUSTOMER_IDS),
    invoices: arbRange(INVOICE_NUMBERS),
  })
  .map(({ rule, startDate, customers, invoices, olderThan }) => ({
    ...rule,
    olderThan,
    period: '2026-06',
    date: TODAY,
    ...(startDate !== undefined && startDate < olderThan && { startDate }),
    ...(customers !== undefined && { customers }),
    ...(invoices !== undefined && { invoices }),
  }));

const seen = { items: 0, polarity: 0, pendingElsewhere: 0, empty: 0 };

function note(preview: Preview): void {
  if (preview.items.length > 0) seen.items += 1;
  else seen.empty += 1;
  if (preview.skipped.some((s) => s.reason === 'polarity')) seen.polarity += 1;
  if (preview.skipped.some((s) => s.reason === 'pending_elsewhere')) seen.pendingElsewhere += 1;
}

describe('automatic preview: the database prefilter never changes the preview (ADR 070)', () => {
  for (const name of ['fresh', 'busy'] as const) {
    test.prop([arbCriteria], { numRuns: 700 })(`${name} ledger: narrowed = full`, (input) => {
      const deps = ledgers[name];
      const narrowed = previewAutomaticRun(deps, input);
      const full = previewAutomaticRun(deps, input, { narrowInDatabase: false });
      expect(narrowed).toStrictEqual(full);
      if (!full.ok) return;
      note(full.value.preview);
      // The versions read with the items are the ones a second read finds.
      expect(full.value.snapshot).toStrictEqual(takeSnapshot(deps.database.db, full.value.preview));
    });
  }

  for (const name of ['fresh', 'busy'] as const) {
    const deps = ledgers[name];
    const arbAtNet = fc.constantFrom(...NET_DATES).chain((olderThan) =>
      fc.record({
        olderThan: fc.constant(olderThan),
        minor: fc.constantFrom(...customerNets(deps, olderThan)),
        customers: arbRange(CUSTOMER_IDS),
      }),
    );
    test.prop([arbAtNet], { numRuns: 150 })(
      `${name} ledger: account balance with the value at a customer's exact net`,
      ({ olderThan, minor, customers }) => {
        const input = run('account-balance', formatAmount(minor, 'USD'), {
          olderThan,
          ...(customers !== undefined && { customers }),
        });
        const narrowed = previewAutomaticRun(deps, input);
        expect(narrowed).toStrictEqual(
          previewAutomaticRun(deps, input, { narrowInDatabase: false }),
        );
        if (narrowed.ok) note(narrowed.value.preview);
      },
    );
  }

  it('exercised items, polarity and pending_elsewhere skips, and empty previews', () => {
    expect(seen.items).toBeGreaterThan(50);
    expect(seen.polarity).toBeGreaterThan(5);
    expect(seen.pendingElsewhere).toBeGreaterThan(5);
    expect(seen.empty).toBeGreaterThan(5);
  });

  it('really narrows: fewer invoices reach the engine for each type', () => {
    const deps = ledgers.busy;
    const count = (type: AutoType, narrow: boolean) => {
      const input = run(type, '25.00');
      const prefilter =
        type === 'finance-charge'
          ? { kind: 'has-finance-charge' as const }
          : type === 'invoice-balance'
            ? { kind: 'invoice-balance-within' as const, limitMinor: 2500 }
            : { kind: 'customer-net-within' as const, limitMinor: 2500 };
      let invoices = 0;
      for (const c of iterateCustomerOpenItems(deps.database, {
        dateBefore: input.olderThan,
        includeOnAccount: type === 'account-balance',
        ...(narrow && { prefilter }),
      })) {
        invoices += c.invoices.length;
      }
      return invoices;
    };
    expect(count('finance-charge', true)).toBeLessThan(count('finance-charge', false));
    expect(count('invoice-balance', true)).toBeLessThan(count('invoice-balance', false) / 4);
    expect(count('account-balance', true)).toBeLessThan(count('account-balance', false) / 4);
  });
});
