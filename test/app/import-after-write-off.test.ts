// Re-importing after a posted write-off (ADR 031): the import compares the file with the ERP
// figure it stored, not with the live balance a posting moved, so an ERP file that has not
// caught up leaves the write-off in place; a genuinely different ERP figure wins.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { getOnAccountItem } from '../../src/db/repos/invoices.ts';
import { APPROVER, postC100AccountBalanceRun, seededDeps, unwrap } from '../support/app.ts';
import { sqlValue, testTx } from '../support/backend.ts';
import { importFixture, insertPendingRequest, smallArFile } from '../support/db.ts';

let deps: AppDeps;
let requestId: string;
const p9 = () => getOnAccountItem(testTx(deps.store), 'P-9');
const statusOf = (id: string) =>
  sqlValue(deps.store, 'SELECT status FROM write_off_requests WHERE id = ?', id);

/** The ERP's next file, with P-9 at `amount`. */
function fileWithP9(amount: string) {
  const file = smallArFile();
  const item = file.onAccount?.[0];
  if (item === undefined) throw new Error('fixture has no on-account item');
  item.amount = amount;
  return file;
}

beforeEach(() => {
  deps = seededDeps();
  // An account-balance run for C100 writes off P-9 (-60.00) along with the invoices.
  requestId = postC100AccountBalanceRun(deps);
});

describe('re-importing after an on-account item was written off', () => {
  it('keeps the item written off when the ERP file has not caught up', () => {
    const before = p9();
    expect(before?.amountMinor).toBe(0);
    insertPendingRequest(deps.store, {
      id: 'WO-900001',
      customerId: 'C200',
      invoices: ['1003'],
    });

    const summary = importFixture(deps.store);

    expect(summary.onAccount).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(summary.staleRequests).toEqual([]);
    expect(p9()).toEqual(before);
    expect(statusOf(requestId)).toBe('posted');
    expect(statusOf('WO-900001')).toBe('pending');
  });

  it('takes a different ERP amount as the new truth', () => {
    const summary = importFixture(deps.store, fileWithP9('-45.00'));

    expect(summary.onAccount).toMatchObject({ updated: 1, unchanged: 0 });
    expect(p9()?.amountMinor).toBe(-4500);
    // And that figure is now the one compared: the same file again changes nothing.
    expect(importFixture(deps.store, fileWithP9('-45.00')).onAccount).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
    expect(p9()?.amountMinor).toBe(-4500);
  });

  it('settles the item when the ERP drops it, and a reversal does not move the ERP figure', () => {
    unwrap(reverseRequest(deps, { requestId, by: APPROVER, reason: 'posted in error' }));
    expect(p9()?.amountMinor).toBe(-6000);
    // The ERP still lists -60.00: unchanged, the reversed balance stays.
    expect(importFixture(deps.store).onAccount).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
    expect(p9()?.amountMinor).toBe(-6000);

    const dropped = smallArFile();
    dropped.onAccount = [];
    expect(importFixture(deps.store, dropped).onAccount).toMatchObject({ settled: 1 });
    expect(p9()?.amountMinor).toBe(0);
    // Listed again at its old figure: open again (ADR 011), since the ERP figure was settled.
    expect(importFixture(deps.store).onAccount).toMatchObject({ updated: 1 });
    expect(p9()?.amountMinor).toBe(-6000);
  });
});
