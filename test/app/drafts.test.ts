// The manual draft use-cases without Slack: ownership, the invoice step's merge rules, select
// all, Line item defaults, and the void hint rule (ADR 040, 041, 043).
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.ts';
import {
  applyFormStep,
  loadDraft,
  type ManualDraft,
  type StoredDraft,
  saveDraft,
  startManualDraft,
} from '../../src/app/drafts.ts';
import {
  applyStepInput,
  type CustomerLedger,
  loadCustomerLedger,
  manualRequestOf,
  selectionTotals,
  setSelectAll,
} from '../../src/app/drafts-invoices.ts';
import { previewDraft } from '../../src/app/drafts-preview.ts';
import { createTestStore } from '../support/backend.ts';
import { importFixture, insertPendingRequest, NOW_MS, smallArFile } from '../support/db.ts';

function setup(): { deps: AppDeps; stored: StoredDraft; ledger: CustomerLedger } {
  const database = createTestStore();
  const file = smallArFile();
  file.invoices.push({
    number: '1004',
    customer: 'C100',
    date: '2026-06-01',
    dueDate: '2026-07-01',
    lines: [{ line: 1, description: 'Survey', due: '80.00', tax: '0.00' }],
  });
  importFixture(database, file);
  const deps: AppDeps = { store: database, now: () => new Date(NOW_MS) };
  const started = startManualDraft(deps, { userId: 'U1', channelId: 'C1' });
  if (!started.ok) throw new Error('no ledger');
  const applied = applyFormStep(
    deps,
    { id: started.value.draftId, draft: started.value.draft },
    {
      customerId: 'C100',
      period: '2026-06',
      date: '2026-06-15',
      method: 'entry',
      mode: 'invoices',
    },
  );
  if (!applied.ok) throw new Error(JSON.stringify(applied.error));
  saveDraft(deps, applied.value);
  const ledger = loadCustomerLedger(deps, applied.value.draft);
  if (ledger === null) throw new Error('no customer');
  return { deps, stored: applied.value, ledger };
}

const row = (
  invoice: string,
  over: Partial<{ selected: boolean; amount: string | null }> = {},
) => ({
  invoice,
  selected: false,
  amount: null,
  account: null,
  comment: null,
  ...over,
});

describe('drafts', () => {
  it('belong to the user who opened them', () => {
    const { deps, stored } = setup();
    expect(loadDraft(deps, stored.id, 'U1')?.draft.customerId).toBe('C100');
    expect(loadDraft(deps, stored.id, 'U2')).toBeNull();
    expect(loadDraft(deps, 'no-such-draft', 'U1')).toBeNull();
  });

  it('refuses a closed period and a missing customer by field', () => {
    const { deps, stored } = setup();
    const result = applyFormStep(deps, stored, {
      customerId: null,
      period: '2026-05',
      date: '2026-06-15',
      method: 'entry',
      mode: 'invoices',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        customer: 'Choose a customer.',
        period: 'Period 2026-05 is not open. The earliest open period is 2026-06.',
      },
    });
  });
});

describe('the invoice step', () => {
  it('selects a row by its box or by a typed amount, and stores a full amount as full', () => {
    const { stored, ledger } = setup();
    const draft = applyStepInput(ledger, stored.draft, {
      account: null,
      comment: ' Gone ',
      rows: [
        row('1001', { selected: true, amount: '143.00' }),
        row('1002', { amount: '40.00' }),
        row('1004'),
      ],
    });
    expect(draft.choices).toEqual({
      '1001': { selected: true },
      '1002': { selected: true, amount: '40.00' },
      '1004': { selected: false },
    });
    expect(draft.comment).toBe('Gone');
    expect(selectionTotals(ledger, draft)).toMatchObject({
      selectedCount: 2,
      selectedMinor: 18300,
    });
  });

  it('unticking a selected row drops it even though its box still shows the amount', () => {
    const { stored, ledger } = setup();
    const all = setSelectAll(stored.draft, true);
    const draft = applyStepInput(ledger, all, {
      account: null,
      comment: null,
      rows: [row('1002', { selected: false, amount: '500.00' })],
    });
    expect(selectionTotals(ledger, draft)).toMatchObject({
      selectedCount: 2,
      selectedMinor: 22300,
    });
  });

  it('select all leaves invoices held by another pending request out', () => {
    const { deps, stored } = setup();
    insertPendingRequest(deps.store, {
      id: 'WO-000009',
      customerId: 'C100',
      invoices: ['1001'],
    });
    const ledger = loadCustomerLedger(deps, stored.draft) as CustomerLedger;
    const all = setSelectAll(stored.draft, true);
    expect(selectionTotals(ledger, all)).toMatchObject({ selectedCount: 2, heldCount: 1 });
    expect(manualRequestOf(ledger, all).invoices).toEqual([
      { invoice: '1002' },
      { invoice: '1004' },
    ]);
  });

  it('Line item: each selection carries its own account and comment or the defaults', () => {
    const { stored, ledger } = setup();
    const lineItem: ManualDraft = { ...stored.draft, method: 'line-item', comment: 'Bulk' };
    const draft = setSelectAll(
      {
        ...lineItem,
        choices: { '1002': { selected: false, account: '7160', comment: 'Disputed' } },
      },
      true,
    );
    // Select all keeps the row's own account and comment, but not its selection.
    expect(draft.choices).toEqual({ '1002': { account: '7160', comment: 'Disputed' } });
    expect(manualRequestOf(ledger, draft)).toMatchObject({
      method: 'line-item',
      invoices: [
        { invoice: '1001', account: '7100', comment: 'Bulk' },
        { invoice: '1002', account: '7160', comment: 'Disputed' },
        { invoice: '1004', account: '7100', comment: 'Bulk' },
      ],
    });
  });
});

describe('void hints (ADR 043)', () => {
  function previewWith(choices: ManualDraft['choices'], comment: string) {
    const { deps, stored } = setup();
    const draft: ManualDraft = { ...stored.draft, choices, comment };
    const result = previewDraft(deps, { id: stored.id, draft });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value.voidHints;
  }

  it('flags the full balance of an invoice at most 30 days old', () => {
    expect(previewWith({ '1004': { selected: true }, '1001': { selected: true } }, 'Gone')).toEqual(
      [{ invoice: '1004', reason: 'recent_full_balance' }],
    );
  });

  it('does not flag a partial write-off of a recent invoice', () => {
    expect(previewWith({ '1004': { selected: true, amount: '10.00' } }, 'Short pay')).toEqual([]);
  });

  it.each(['Wrong customer billed', 'DUPLICATE of 1001', 'billing error', 'our mistake'])(
    'flags a comment that says the invoice was wrong: %s',
    (comment) => {
      expect(previewWith({ '1001': { selected: true } }, comment)).toEqual([
        { invoice: '1001', reason: 'comment_says_error' },
      ]);
    },
  );
});
