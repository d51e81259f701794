// The weekly digest's reads answer alike on SQLite and PostgreSQL: posted requests and their
// items summed per customer and per age, the largest items, reversals, what was still pending at
// the week's end, rejections and stale marks, and the posted lines streamed in posting order.
import { expect } from 'vitest';
import * as sqliteDigest from '../../../src/db/digest.repo.ts';
import * as pgDigest from '../../../src/db/pg/digest.repo.ts';
import { collect, contract, pair } from './contract.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

const DIGEST = pair(sqliteDigest, pgDigest, [
  'listPostedRequests',
  'summarizePostedItems',
  'listReversals',
  'listPendingAt',
  'listDecisions',
  'iteratePostedLines',
]);

const DAY_MS = 86_400_000;
const WEEK = { startMs: T0_MS - 10 * DAY_MS, endMs: T0_MS };
const byRequest = <T extends { requestId: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => (a.requestId < b.requestId ? -1 : 1));

/** A reversal of WO-000001, a rejection, a stale mark and a second item of the posted request. */
const WEEK_EVENTS = [
  `INSERT INTO write_off_request_items (request_id, seq, customer_id, on_account_id, item_on,
     amount_minor) VALUES ('WO-000001', 3, 'C001', 'OA-1', '2026-02-15', -250)`,
  `INSERT INTO journal_entries (reference, kind, request_id, period, entry_on, currency,
     reverses_entry_id, created_at_ms, created_by)
   SELECT 'reversal:WO-000001', 'reversal', 'WO-000001', '2026-06', '2026-06-16', 'EUR', id,
     ${T0_MS - 2 * DAY_MS}, 'U_BOSS' FROM journal_entries WHERE reference = 'write-off:WO-000001'`,
  `UPDATE write_off_requests SET status = 'rejected', rejection_reason = 'no',
     decided_at_ms = ${T0_MS - DAY_MS / 2}, approver = 'U_BOSS', slack_channel = 'C1',
     slack_ts = '1.1' WHERE id = 'WO-000003'`,
  `INSERT INTO audit_log (at_ms, actor, action, request_id) VALUES
     (${T0_MS - 3 * DAY_MS}, 'system:import', 'request_stale', 'WO-000004'),
     (${T0_MS - DAY_MS}, 'system:import', 'request_stale', 'WO-000004')`,
];

contract('digest reads', LEDGER_FIXTURE, (test) => {
  test("reads the week's posted requests and sums their items", async (s) => {
    for (const statement of WEEK_EVENTS) await s.exec(statement);
    const digest = s.bind(DIGEST);
    expect(await digest.listPostedRequests(WEEK)).toEqual([
      {
        requestId: 'WO-000001',
        requester: 'U_CLERK',
        totalMinor: 500,
        postedAtMs: T0_MS - 8 * DAY_MS,
        writeOffOn: '2026-06-15',
        reasonCode: null,
      },
    ]);
    expect(
      await digest.listPostedRequests({ startMs: T0_MS - 8 * DAY_MS + 1, endMs: T0_MS }),
    ).toEqual([]);
    const summary = await digest.summarizePostedItems(WEEK);
    expect({
      ...summary,
      byAgeDays: [...summary.byAgeDays].sort((a, b) => a.ageDays - b.ageDays),
    }).toEqual({
      count: 2,
      byCustomer: [
        { customerId: 'C001', customerName: 'Acme Holdings', amountMinor: 150, items: 2 },
      ],
      byAgeDays: [
        { ageDays: 102, amountMinor: 400 },
        { ageDays: 120, amountMinor: -250 },
      ],
      largest: [
        {
          requestId: 'WO-000001',
          customerId: 'C001',
          invoice: 'INV-002',
          onAccount: null,
          amountMinor: 400,
        },
        {
          requestId: 'WO-000001',
          customerId: 'C001',
          invoice: null,
          onAccount: 'OA-1',
          amountMinor: -250,
        },
      ],
    });
    expect(await digest.listReversals(WEEK)).toEqual([
      { requestId: 'WO-000001', totalMinor: 500, atMs: T0_MS - 2 * DAY_MS },
    ]);
  });

  test('reads what was pending at the end, rejections and stale marks', async (s) => {
    for (const statement of WEEK_EVENTS) await s.exec(statement);
    const digest = s.bind(DIGEST);
    expect(byRequest(await digest.listPendingAt(T0_MS - DAY_MS))).toEqual([
      {
        requestId: 'WO-000002',
        totalMinor: 500,
        submittedAtMs: T0_MS - 5 * DAY_MS,
        leftPendingAtMs: null,
        thread: null,
      },
    ]);
    expect(byRequest(await digest.listPendingAt(T0_MS - DAY_MS + 1))).toEqual([
      expect.objectContaining({ requestId: 'WO-000002' }),
      {
        requestId: 'WO-000003',
        totalMinor: 500,
        submittedAtMs: T0_MS - DAY_MS,
        leftPendingAtMs: T0_MS - DAY_MS / 2,
        thread: { channel: 'C1', ts: '1.1' },
      },
    ]);
    expect(await digest.listDecisions(WEEK)).toEqual([
      { requestId: 'WO-000003', atMs: T0_MS - DAY_MS / 2, kind: 'rejected' },
      { requestId: 'WO-000004', atMs: T0_MS - 3 * DAY_MS, kind: 'stale' },
    ]);
  });

  test('streams the posted lines in posting order', async (s) => {
    const digest = s.bind(DIGEST);
    const lines = await collect(digest.iteratePostedLines(WEEK));
    expect(lines).toEqual(
      [1, 2].map((seq) => ({
        requestId: 'WO-000001',
        postedAtMs: T0_MS - 8 * DAY_MS,
        writeOffOn: '2026-06-15',
        requester: 'U_CLERK',
        customerId: 'C001',
        customerName: 'Acme Holdings',
        invoice: 'INV-002',
        line: 1,
        onAccount: null,
        itemOn: '2026-03-05',
        amountMinor: seq === 1 ? 300 : 100,
        taxMinor: 0,
        retainageMinor: 0,
        financeChargeMinor: 0,
        account: '6800',
      })),
    );
    expect(await collect(digest.iteratePostedLines({ startMs: 0, endMs: 1 }))).toEqual([]);
  });
});
