// Oracle for ADR 070: SQLite narrows an automatic run's candidates by necessary conditions
// only, so over the demo ledger (plus a few edge-case invoices) and random criteria of every
// type, the preview WITH the prefilter deep-equals the preview WITHOUT it — items, skipped
// (`polarity`, `pending_elsewhere`), journal, totals, snapshot (and the snapshot is what a
// second read of the versions finds). Two ledgers: freshly imported,
// and one where write-offs were posted, one reversed, and others left pending.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { previewAutomaticRun } from '../../src/app/preview-write-off.ts';
import { takeSnapshot } from '../../src/app/snapshot.ts';
import { iterateCustomerOpenItems } from '../../src/db/repos/open-items.ts';
import type { AutoType } from '../../src/domain/automatic.ts';
import { formatAmount } from '../../src/domain/money.ts';
import type { Preview } from '../../src/domain/types.ts';
import { ON_POSTGRES, testTx } from '../support/backend.ts';
import {
  arbCriteriaOver,
  arbRange,
  CUSTOMER_IDS,
  customerNets,
  exactMinors,
  NET_DATES,
} from './prefilter-criteria.ts';
import { busyLedger, importedLedger, run } from './prefilter-ledgers.ts';

const ledgers = { fresh: importedLedger(), busy: busyLedger() };
const arbCriteria = arbCriteriaOver(exactMinors(Object.values(ledgers)));
// On PostgreSQL every preview reads through the bridge, several times slower: fewer runs, still
// enough for the coverage the last but one test asks for.
const RUNS = ON_POSTGRES ? { criteria: 150, atNet: 40 } : { criteria: 700, atNet: 150 };

const seen = { items: 0, polarity: 0, pendingElsewhere: 0, empty: 0 };

function note(preview: Preview): void {
  if (preview.items.length > 0) seen.items += 1;
  else seen.empty += 1;
  if (preview.skipped.some((s) => s.reason === 'polarity')) seen.polarity += 1;
  if (preview.skipped.some((s) => s.reason === 'pending_elsewhere')) seen.pendingElsewhere += 1;
}

describe('automatic preview: the database prefilter never changes the preview (ADR 070)', () => {
  for (const name of ['fresh', 'busy'] as const) {
    test.prop([arbCriteria], { numRuns: RUNS.criteria })(
      `${name} ledger: narrowed = full`,
      (input) => {
        const deps = ledgers[name];
        const narrowed = previewAutomaticRun(deps, input);
        const full = previewAutomaticRun(deps, input, { narrowInDatabase: false });
        expect(narrowed).toStrictEqual(full);
        if (!full.ok) return;
        note(full.value.preview);
        // The versions read with the items are the ones a second read finds.
        expect(full.value.snapshot).toStrictEqual(
          takeSnapshot(testTx(deps.store), full.value.preview),
        );
      },
    );
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
    test.prop([arbAtNet], { numRuns: RUNS.atNet })(
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
      for (const c of iterateCustomerOpenItems(testTx(deps.store), {
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
