// Reversal after a recovery (docs/decisions/262-reversal-after-recovery.md) on a real database:
// a partly recovered write-off is reversed for what is left — never more than written off minus
// recovered — so the request's entries net to zero on every account and invoice line; a
// pending recovery must be decided first; a fully recovered one leaves nothing to reverse; and
// once reversed, a payment proposes nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { approveRecovery } from '../../src/app/recovery.ts';
import { rejectRecovery } from '../../src/app/recovery-reject.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import {
  APPROVER,
  BIG_APPROVER,
  CLERK,
  manual,
  seededDeps,
  TEST_REASON,
  unwrap,
  unwrapErr,
} from '../support/app.ts';
import { sqlAll, sqlValue } from '../support/backend.ts';
import { importFixture, smallArFile } from '../support/db.ts';

let deps: AppDeps;
let requestId: string;

/** 1001 in full (143.00: 107.00 with 7.00 tax, 36.00 finance charge) and 40.00 of 1002. */
beforeEach(() => {
  deps = seededDeps();
  const { preview, snapshot } = unwrap(previewManualRequest(deps, manual()));
  ({ requestId } = unwrap(
    submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK, method: 'entry' }),
  ));
  unwrap(approveRequest(deps, { requestId, approver: APPROVER }));
});

/** The ERP's next file with the given invoices open at `due` on line 1, their other lines 0. */
function reimport(dues: Readonly<Record<string, string>>): readonly string[] {
  const file = smallArFile();
  for (const invoice of file.invoices) {
    const due = dues[invoice.number];
    if (due === undefined) continue;
    invoice.lines = invoice.lines.map((l) => ({
      line: l.line,
      description: 'Work',
      due: l.line === 1 ? due : '0.00',
    }));
  }
  return importFixture(deps.store, file).recoveries ?? [];
}
const reimport1001 = (due: string) => reimport({ '1001': due });

const recover = (id: string) => unwrap(approveRecovery(deps, { recoveryId: id, by: BIG_APPROVER }));
const reverse = () =>
  reverseRequest(deps, { requestId, by: BIG_APPROVER, reason: 'Sold the debt' });

const rows = <T>(sql: string, ...args: unknown[]) => sqlAll(deps.store, sql, ...args) as T[];

/** Σ debit and Σ credit of each of the request's entries, oldest first. */
const entryTotals = () =>
  rows<{ kind: string; debit: number; credit: number }>(
    `SELECT e.kind, sum(p.debit_minor) AS debit, sum(p.credit_minor) AS credit
     FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
     WHERE e.request_id = ? GROUP BY e.id ORDER BY e.id`,
    requestId,
  );

/** Account and trace where the request's entries together do not net to zero. */
const notNetZero = () =>
  rows(
    `SELECT p.account, p.invoice_number, p.line, sum(p.debit_minor) - sum(p.credit_minor) AS net
     FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id
     WHERE e.request_id = ? GROUP BY 1, 2, 3 HAVING sum(p.debit_minor) <> sum(p.credit_minor)`,
    requestId,
  );

const openOf = (invoice: string) =>
  sqlValue(deps.store, 'SELECT open_minor FROM invoices WHERE number = ?', invoice);

describe('reversing a write-off after a recovery', () => {
  it('reverses only what is left, so the entries net to zero and the rest reopens', () => {
    expect(reimport1001('-50.00')).toEqual(['RC-000001']);
    recover('RC-000001');
    const open1002 = openOf('1002') as number;

    unwrap(reverse());
    expect(entryTotals()).toEqual([
      { kind: 'write_off', debit: 18300, credit: 18300 },
      { kind: 'reversal', debit: 5000, credit: 5000 },
      // 183.00 written off − 50.00 recovered.
      { kind: 'reversal', debit: 13300, credit: 13300 },
    ]);
    expect(notNetZero()).toEqual([]);
    // 1002 reopens its 40.00; 1001 keeps the ERP's figure until the ERP applies the reversal.
    expect(openOf('1002')).toBe(open1002 + 4000);
    expect(openOf('1001')).toBe(-5000);
  });

  it('after two recoveries of one invoice, still never more than written off minus recovered', () => {
    reimport1001('-50.00');
    recover('RC-000001');
    expect(reimport1001('-60.00')).toEqual(['RC-000002']);
    recover('RC-000002');
    unwrap(reverse());
    expect(entryTotals().map((e) => e.debit)).toEqual([18300, 5000, 1000, 12300]);
    expect(notNetZero()).toEqual([]);
  });

  it('waits for a pending recovery to be decided, then reverses what that decision leaves', () => {
    reimport1001('-50.00');
    expect(unwrapErr(reverse())).toMatchObject({
      kind: 'invalid_input',
      message: expect.stringContaining('RC-000001 awaiting a decision'),
    });
    expect(entryTotals()).toHaveLength(1);
    unwrap(rejectRecovery(deps, { recoveryId: 'RC-000001', by: APPROVER, reason: 'Catch-up' }));
    unwrap(reverse());
    // Rejected: nothing was recovered, so the whole write-off is reversed.
    expect(entryTotals().map((e) => e.debit)).toEqual([18300, 18300]);
    expect(notNetZero()).toEqual([]);
  });

  it('leaves nothing to reverse once recoveries took all of it', () => {
    // 1001 in credit by 200.00 recovers its 143.00; 1002 at -40.00 recovers its 40.00.
    expect(reimport({ '1001': '-200.00', '1002': '-40.00' })).toEqual(['RC-000001', 'RC-000002']);
    recover('RC-000001');
    recover('RC-000002');
    expect(unwrapErr(reverse())).toMatchObject({
      kind: 'invalid_input',
      message: `${requestId} was recovered in full; nothing is left to reverse`,
    });
    expect(entryTotals().map((e) => e.debit)).toEqual([18300, 14300, 4000]);
    expect(notNetZero()).toEqual([]);
  });

  it('proposes nothing for a payment after the reversal', () => {
    unwrap(reverse());
    expect(reimport1001('-50.00')).toEqual([]);
  });
});
