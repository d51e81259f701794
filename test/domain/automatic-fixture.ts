// The automatic-run tests' ledger and helpers (docs/write-off-rules.md#automatic-write-off): base
// criteria (invoice balance within 25.00, older than 2026-04-01) that a test overrides, `run` to
// preview over given customers, and `written` to list what a preview writes off.
import type {
  AutoCriteria,
  AutoCriteriaInput,
  CustomerOpenItems,
} from '../../src/domain/automatic.ts';
import { previewAutomatic, validateAutoCriteria } from '../../src/domain/automatic.ts';
import type { Preview } from '../../src/domain/types.ts';
import { ledger } from '../support/ledger-fixtures.ts';

export const ctx = ledger();
export const base: AutoCriteriaInput = {
  type: 'invoice-balance',
  value: '25.00',
  olderThan: '2026-04-01',
  period: '2026-06',
  date: '2026-06-15',
};

export function criteria(overrides: Partial<AutoCriteriaInput> = {}, context = ctx): AutoCriteria {
  const result = validateAutoCriteria({ ...base, ...overrides }, context);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

export function run(
  overrides: Partial<AutoCriteriaInput>,
  customers: Iterable<CustomerOpenItems>,
  pending: Record<string, string> = {},
): Preview {
  return previewAutomatic(criteria(overrides), ctx, customers, (n) => pending[n]);
}

export const written = (p: Preview) =>
  p.items.map((i) => (i.kind === 'invoice' ? i.invoice : `on-account ${i.onAccountId}`));
