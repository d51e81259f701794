// Property: whatever the clerk ticks, unticks and types across the 320-invoice demo customer,
// the running total the invoice step shows equals the total of the engine's preview, and the
// preview writes off exactly the invoices the step counts as selected.
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { buildDemoArFile, DEMO_BIG_CUSTOMER } from '../../src/app/demo-data.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import type { InvoiceChoice, ManualDraft } from '../../src/app/drafts.ts';
import { startManualDraft } from '../../src/app/drafts.ts';
import {
  type CustomerLedger,
  isSelected,
  loadCustomerLedger,
  selectionTotals,
} from '../../src/app/drafts-invoices.ts';
import { previewDraft } from '../../src/app/drafts-preview.ts';
import { importArFile } from '../../src/app/import-ar-file.ts';
import { formatAmount } from '../../src/domain/money.ts';
import { createTestStore, ON_POSTGRES } from '../support/backend.ts';
import { NOW_MS } from '../support/db.ts';

let deps: AppDeps;
let base: ManualDraft;
let draftId: string;
let ledger: CustomerLedger;

beforeAll(() => {
  const database = createTestStore();
  const imported = importArFile(database, buildDemoArFile('2026-06-15'), NOW_MS);
  if (!imported.ok) throw new Error('demo import failed');
  deps = { store: database, now: () => new Date(NOW_MS) };
  const started = startManualDraft(deps, { userId: 'U1', channelId: 'C1' });
  if (!started.ok) throw new Error('no ledger');
  draftId = started.value.draftId;
  base = {
    ...started.value.draft,
    step: 'invoices',
    customerId: DEMO_BIG_CUSTOMER,
    period: '2026-06',
    date: '2026-06-15',
    comment: 'Property',
  };
  ledger = loadCustomerLedger(deps, base) as CustomerLedger;
});

/** A change to one invoice row: its index, ticked or not, and a share of its balance in ‰. */
const rowChange = fc.record({
  index: fc.nat({ max: 319 }),
  selected: fc.boolean(),
  permille: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
});

function draftOf(
  selectAll: boolean,
  changes: readonly { index: number; selected: boolean; permille: number | undefined }[],
): ManualDraft {
  const choices: Record<string, InvoiceChoice> = {};
  for (const change of changes) {
    const row = ledger.invoices[change.index];
    if (row === undefined) continue;
    const choice: InvoiceChoice = { selected: change.selected };
    if (change.permille !== undefined) {
      const partMinor = Math.trunc((row.openMinor * change.permille) / 1000);
      if (partMinor !== 0) choice.amount = formatAmount(partMinor, ledger.currency);
    }
    choices[row.number] = choice;
  }
  return { ...base, selectAll, choices };
}

describe('the running total of the invoice step', () => {
  // Each run reads the customer's 320 invoices; on PostgreSQL every read is a bridge round trip,
  // so fewer runs there: the property is the arithmetic, the same on both.
  const numRuns = ON_POSTGRES ? 40 : 400;
  test.prop([fc.boolean(), fc.array(rowChange, { maxLength: 40 })], { numRuns })(
    'equals the preview total, invoice for invoice',
    (selectAll, changes) => {
      const draft = draftOf(selectAll, changes);
      const totals = selectionTotals(ledger, draft);
      const result = previewDraft(deps, { id: draftId, draft });
      if (totals.selectedCount === 0) {
        expect(result.ok).toBe(false);
        return;
      }
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      const { preview } = result.value;
      expect(preview.totalMinor).toBe(totals.selectedMinor);
      const selected = ledger.invoices.filter((r) => isSelected(draft, r)).map((r) => r.number);
      expect(preview.items.map((i) => (i.kind === 'invoice' ? i.invoice : ''))).toEqual(selected);
    },
  );
});
