// Reversal: a mirror entry, every balance reopened exactly, the original untouched. The
// property test posts random manual partial write-offs and reverses them on a real database.
import { fc, test } from '@fast-check/vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { previewAutomaticRun, previewManualRequest } from '../../src/app/preview-write-off.ts';
import { getAuditTrail, getRequestView } from '../../src/app/request-views.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import type { ManualRequest } from '../../src/domain/manual.ts';
import { formatAmount } from '../../src/domain/money.ts';
import {
  APPROVER,
  BIG_APPROVER,
  CLERK,
  seededDeps,
  TEST_REASON,
  unwrap,
  unwrapErr,
} from '../support/app.ts';
import { ON_POSTGRES, restartTestStores, sqlAll } from '../support/backend.ts';

let deps: AppDeps;
beforeEach(() => {
  deps = seededDeps();
});

/** Balances and parts of every open item, without versions and timestamps. */
function balances(d: AppDeps = deps): unknown {
  return {
    lines: sqlAll(
      d.store,
      `SELECT invoice_number, line, due_minor, tax_minor, retainage_minor, finance_charge_minor
       FROM invoice_lines ORDER BY 1, 2`,
    ),
    invoices: sqlAll(d.store, 'SELECT number, open_minor FROM invoices ORDER BY 1'),
    onAccount: sqlAll(d.store, 'SELECT id, amount_minor FROM on_account_items ORDER BY 1'),
  };
}

/** Net (debit − credit) per account over every journal posting. */
function accountNets(d: AppDeps = deps): unknown {
  return sqlAll(
    d.store,
    `SELECT account, sum(debit_minor) - sum(credit_minor) AS net FROM journal_postings
       GROUP BY account HAVING sum(debit_minor) <> sum(credit_minor) ORDER BY account`,
  );
}

function postManual(d: AppDeps, request: ManualRequest): string {
  const preview = unwrap(previewManualRequest(d, request));
  const id = unwrap(submitRequest(d, { ...TEST_REASON, ...preview, requester: CLERK })).requestId;
  unwrap(approveRequest(d, { requestId: id, approver: BIG_APPROVER }));
  return id;
}

const manual = (invoices: ManualRequest['invoices']): ManualRequest => ({
  customerId: 'C100',
  period: '2026-06',
  date: '2026-06-15',
  method: 'entry',
  invoices,
});

describe('reverseRequest', () => {
  it('posts the mirror entry and reopens every balance', () => {
    const before = balances();
    const id = postManual(
      deps,
      manual([{ invoice: '1001' }, { invoice: '1002', amount: '40.00' }]),
    );
    expect(balances()).not.toEqual(before);
    const reversed = unwrap(reverseRequest(deps, { requestId: id, by: APPROVER, reason: 'Paid' }));
    expect(reversed.period).toBe('2026-06');
    expect(balances()).toEqual(before);
    expect(accountNets()).toEqual([]);
    const view = getRequestView(deps, id);
    expect(view).toMatchObject({ status: 'reversed', reversalEntryId: reversed.entryId });
    const entries = sqlAll(
      deps.store,
      'SELECT id, reference, kind, reverses_entry_id, period FROM journal_entries ORDER BY id',
    );
    expect(entries).toEqual([
      {
        id: view?.postedEntryId,
        reference: `write-off:${id}`,
        kind: 'write_off',
        reverses_entry_id: null,
        period: '2026-06',
      },
      {
        id: reversed.entryId,
        reference: `reversal:${id}`,
        kind: 'reversal',
        reverses_entry_id: view?.postedEntryId,
        period: '2026-06',
      },
    ]);
    expect(getAuditTrail(deps, id).at(-1)).toMatchObject({
      action: 'reversed',
      actor: APPROVER,
      details: { reason: 'Paid', entryId: reversed.entryId },
    });
  });

  it('reopens on-account items of an account-balance run', () => {
    const before = balances();
    const run = unwrap(
      previewAutomaticRun(deps, {
        type: 'account-balance',
        value: '1000',
        olderThan: '2026-06-01',
        period: '2026-06',
        date: '2026-06-15',
      }),
    );
    const id = unwrap(submitRequest(deps, { ...TEST_REASON, ...run, requester: CLERK })).requestId;
    unwrap(approveRequest(deps, { requestId: id, approver: APPROVER }));
    unwrap(reverseRequest(deps, { requestId: id, by: APPROVER, reason: 'Wrong run' }));
    expect(balances()).toEqual(before);
    expect(accountNets()).toEqual([]);
  });

  it('refuses without a reason, twice, before posting, by a clerk, and into a closed period', () => {
    const pending = unwrap(previewManualRequest(deps, manual([{ invoice: '1002' }])));
    const pendingId = unwrap(
      submitRequest(deps, { ...TEST_REASON, ...pending, requester: CLERK }),
    ).requestId;
    expect(
      unwrapErr(reverseRequest(deps, { requestId: pendingId, by: APPROVER, reason: 'x' })),
    ).toEqual({ kind: 'not_posted', requestId: pendingId, status: 'pending' });
    const id = postManual(deps, manual([{ invoice: '1001' }]));
    expect(unwrapErr(reverseRequest(deps, { requestId: id, by: APPROVER, reason: '' }))).toEqual({
      kind: 'reason_required',
    });
    expect(unwrapErr(reverseRequest(deps, { requestId: id, by: CLERK, reason: 'x' })).kind).toBe(
      'not_allowed',
    );
    expect(
      unwrapErr(
        reverseRequest(deps, { requestId: id, by: APPROVER, reason: 'x', period: '2026-05' }),
      ),
    ).toEqual({ kind: 'period_closed', period: '2026-05', earliestOpen: '2026-06' });
    const done = unwrap(
      reverseRequest(deps, { requestId: id, by: APPROVER, reason: 'x', period: '2026-07' }),
    );
    expect(done.period).toBe('2026-07');
    expect(unwrapErr(reverseRequest(deps, { requestId: id, by: APPROVER, reason: 'x' }))).toEqual({
      kind: 'already_reversed',
      requestId: id,
      entryId: done.entryId,
    });
  });
});

describe('posting then reversing leaves every balance unchanged', () => {
  // A fresh database per run is ~10 ms on SQLite, so a few hundred runs keep the file fast; on
  // PostgreSQL each run empties the file's database again (docs/postgresql.md), ten times slower.
  test.prop(
    [
      fc.subarray(['1001', '1002'], { minLength: 1 }),
      fc.integer({ min: 1, max: 14300 }),
      fc.integer({ min: 1, max: 50000 }),
    ],
    { numRuns: ON_POSTGRES ? 15 : 150 },
  )('for any partial amounts', (invoices, amount1001, amount1002) => {
    restartTestStores();
    const d = seededDeps();
    const before = balances(d);
    const amounts: Record<string, number> = { '1001': amount1001, '1002': amount1002 };
    const selection = invoices.map((invoice) => ({
      invoice,
      amount: formatAmount(amounts[invoice] ?? 0, 'USD'),
    }));
    const id = postManual(d, manual(selection));
    unwrap(reverseRequest(d, { requestId: id, by: APPROVER, reason: 'property' }));
    expect(balances(d)).toEqual(before);
    expect(accountNets(d)).toEqual([]);
  });
});
