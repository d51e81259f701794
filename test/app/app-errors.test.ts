// Every use-case error has a human sentence that names what it is about and never leaks a
// stack trace or an internal kind.
import { describe, expect, it } from 'vitest';
import {
  type AppError,
  describeAppError,
  describeAppErrors,
} from '../../src/domain/request-errors.ts';

const EXAMPLES: readonly [AppError, string][] = [
  [{ kind: 'no_ledger' }, 'No A/R data has been imported yet: run `writeoff import FILE` first.'],
  [
    { kind: 'request_not_found', requestId: 'WO-000009' },
    'Write-off request WO-000009 does not exist.',
  ],
  [
    { kind: 'not_pending', requestId: 'WO-000001', status: 'rejected' },
    'Write-off request WO-000001 is rejected, not pending; nothing was changed.',
  ],
  [
    { kind: 'already_posted', requestId: 'WO-000001', entryId: 7 },
    'Write-off request WO-000001 is already posted (journal entry 7); nothing was changed.',
  ],
  [
    { kind: 'already_reversed', requestId: 'WO-000001', entryId: 8 },
    'Write-off request WO-000001 is already reversed (journal entry 8); nothing was changed.',
  ],
  [
    { kind: 'not_posted', requestId: 'WO-000001', status: 'pending' },
    'Write-off request WO-000001 is pending; only a posted request can be reversed.',
  ],
  [
    { kind: 'self_approval', requestId: 'WO-000001' },
    'You requested WO-000001, so you cannot approve it: a second person must.',
  ],
  [{ kind: 'not_approver', userId: 'U1' }, 'U1 does not have the approver role.'],
  [
    { kind: 'not_allowed', userId: 'U1', action: 'manage roles (admins only)' },
    'U1 is not allowed to manage roles (admins only).',
  ],
  [
    {
      kind: 'over_limit',
      action: 'approve',
      userId: 'U1',
      currency: 'USD',
      limitMinor: 100,
      totalMinor: 250,
      grossMinor: 250,
      eligibleApprovers: [],
    },
    "The request ($2.50) needs an approval limit covering its gross amount $2.50; U1's approval limit is $1.00 USD. No approver has a high enough limit; ask an administrator to raise one.",
  ],
  [
    { kind: 'stale', changedItems: ['1001', 'P-9'] },
    'Balances changed since the preview (1001, P-9); make a fresh preview and submit again.',
  ],
  [{ kind: 'reason_required' }, 'A reason is required: say why, in a few words.'],
  [
    { kind: 'period_closed', period: '2026-05' },
    'Period 2026-05 is closed. There is no open period; ask an administrator to open one.',
  ],
  [
    { kind: 'pending_elsewhere', onAccount: 'P-9', requestId: 'WO-000002' },
    'On-account item P-9 is already in pending request WO-000002.',
  ],
  [{ kind: 'empty_preview' }, 'Nothing to write off: the preview has no items.'],
  [
    { kind: 'item_missing', item: 'Invoice 1001 line 2' },
    'Invoice 1001 line 2 is no longer in the sub-ledger, so its balance cannot be changed.',
  ],
  [{ kind: 'invalid_input', field: 'role', message: 'is empty' }, 'role: is empty'],
];

describe('describeAppError', () => {
  it.each(EXAMPLES)('%j', (error, text) => {
    expect(describeAppError(error, 'USD')).toBe(text);
  });

  it('gives one message per engine error of a validation failure', () => {
    const error: AppError = {
      kind: 'validation',
      errors: [
        { kind: 'amount_zero', invoice: '1001' },
        { kind: 'duplicate_invoice', invoice: '1002' },
      ],
    };
    expect(describeAppErrors(error, 'USD')).toEqual([
      'Invoice 1001: amount must not be zero.',
      'Invoice 1002 is selected more than once.',
    ]);
  });
});
