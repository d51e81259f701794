// The digest built from the database's per-customer, per-age and largest-item sums (ADR 217)
// equals the digest the domain builds from every item of the week, for several weeks and zones.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/app/build-digest.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import {
  listDecisions,
  listPendingAt,
  listPostedRequests,
  listReversals,
} from '../../src/db/repos/digest.ts';
import {
  buildDigest as digestOf,
  digestWindow,
  type PostedItemFact,
} from '../../src/domain/digest.ts';
import { parseIsoWeek, weekBounds } from '../../src/domain/digest-week.ts';
import { unwrap } from '../support/app.ts';
import { createTestStore, sqlAll, testTx } from '../support/backend.ts';
import { seedDigestWeeks } from '../support/digest-ledger.ts';

let deps: AppDeps;
beforeAll(() => {
  deps = seedDigestWeeks(createTestStore());
});

/** Every item of the requests posted in the window, grouped from their lines as before. */
function itemsFromLines(w: { startMs: number; endMs: number }): PostedItemFact[] {
  return sqlAll(
    deps.store,
    `SELECT l.request_id AS "requestId", min(l.customer_id) AS "customerId",
         min(c.name) AS "customerName", l.invoice_number AS invoice,
         l.on_account_id AS "onAccount", coalesce(min(i.invoice_on), min(o.item_on)) AS "itemOn",
         sum(l.amount_minor) AS "amountMinor"
       FROM journal_entries e JOIN write_off_request_lines l ON l.request_id = e.request_id
       JOIN customers c ON c.id = l.customer_id
       LEFT JOIN invoices i ON i.number = l.invoice_number
       LEFT JOIN on_account_items o ON o.id = l.on_account_id
       WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ?
       GROUP BY l.request_id, l.invoice_number, l.on_account_id
       ORDER BY l.request_id, l.invoice_number IS NOT NULL, l.invoice_number,
         l.on_account_id IS NOT NULL, l.on_account_id`,
    w.startMs,
    w.endMs,
  ) as PostedItemFact[];
}

describe('the digest from summed items', () => {
  for (const zone of ['America/Los_Angeles', 'Pacific/Auckland', 'UTC']) {
    for (const text of ['2026-W48', '2026-W49', '2026-W50']) {
      it(`${text} in ${zone} equals the digest from every item`, () => {
        const week = unwrap(parseIsoWeek(text));
        const bounds = weekBounds(week, zone);
        const database = deps.store;
        const fromItems = digestOf(
          { week, timezone: zone },
          {
            currency: 'USD',
            posted: listPostedRequests(testTx(database), digestWindow(week, zone)),
            items: itemsFromLines(bounds),
            reversals: listReversals(testTx(database), bounds),
            submitted: listPendingAt(testTx(database), bounds.endMs),
            decisions: listDecisions(testTx(database), bounds),
          },
        );
        const summed = unwrap(buildDigest(deps, { week: text, timezone: zone }));
        expect(summed).toEqual(fromItems);
        expect(summed.posted.items).toBeGreaterThanOrEqual(0);
      });
    }
  }
});
