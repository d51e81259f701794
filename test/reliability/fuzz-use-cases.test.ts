// Fuzzed input straight into the use-cases the Slack and CLI edges call: manual and automatic
// previews, submit, approve, reject, cancel and reverse with arbitrary text, amounts, dates,
// ranges, request ids and users. Every call returns a Result (never throws), every error has
// a kind and a human sentence, and nothing is ever posted: the fuzzed users hold no roles.
// Cases: 300 in `npm test`, 5,000 in `npm run test:reliability`.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { cancelRequest, rejectRequest } from '../../src/app/decide-request.ts';
import { previewAutomaticRun, previewManualRequest } from '../../src/app/preview-write-off.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { type AppError, describeAppErrors } from '../../src/domain/request-errors.ts';
import type { Result } from '../../src/domain/types.ts';
import { TEST_REASON } from '../support/app.ts';
import { ledgerWithPendingRequest, postingCount } from './support/pending-ledger.ts';
import { recordFigures, scaled } from './support/scale.ts';

const RUNS = scaled(300, 5_000);
const { deps, requestId } = ledgerWithPendingRequest();
const kinds = new Map<string, number>();
let cases = 0;
let failures = 0;
afterAll(() => {
  recordFigures({
    suite: 'fuzzed use-case input',
    trials: 1,
    cases,
    failures,
    note: [...kinds.entries()].map(([k, n]) => `${k} ${n}`).join(', '),
  });
});

const text = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.constantFrom(
    '',
    ' ',
    'C100',
    'C200',
    '1001',
    '1002',
    '1003',
    'P-9',
    '2026-06',
    '2026-05',
    '2026-13',
    'all',
  ),
);
const amount = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '0',
    '-0',
    '0.00',
    '1.001',
    '-5.00',
    '40.00',
    '1e3',
    '99999999999999999.99',
    'NaN',
    '1,000.00',
    ' 7 ',
  ),
  fc
    .tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }))
    .map(([whole, cents]) => `${whole}.${String(cents).padStart(2, '0')}`),
);
const date = fc.oneof(
  text,
  fc.constantFrom('2026-06-15', '2026-02-30', '2026-6-1', '2026-06-31', '0000-00-00'),
);
const users = fc.constantFrom('U0FUZZ001', 'U_CLERK', '', ' ', 'system:cli', 'U0FUZZ 002');
const manual = fc.record(
  {
    customerId: text,
    period: text,
    date,
    method: fc.constantFrom('entry', 'line-item', 'other') as fc.Arbitrary<'entry'>,
    account: text,
    comment: text,
    invoices: fc.oneof(
      fc.constant('all' as const),
      fc.array(fc.record({ invoice: text, amount, account: text }, { requiredKeys: ['invoice'] }), {
        maxLength: 4,
      }),
    ),
  },
  { requiredKeys: ['customerId', 'period', 'date', 'method', 'invoices'] },
);
const automatic = fc.record(
  {
    type: fc.constantFrom(
      'finance-charge',
      'invoice-balance',
      'account-balance',
      'bogus',
    ) as fc.Arbitrary<'finance-charge'>,
    value: amount,
    fcPercent: fc.constantFrom('all-lines', 'from-line-1', 'x') as fc.Arbitrary<'all-lines'>,
    olderThan: date,
    startDate: date,
    customers: fc.record({ from: text, to: text }),
    invoices: fc.record({ from: text, to: text }),
    period: text,
    date,
    account: text,
  },
  { requiredKeys: ['type', 'value', 'olderThan', 'period', 'date'] },
);
const ids = fc.oneof(
  text,
  fc.constant(requestId),
  fc.constantFrom('WO-000000', 'WO-999999', "WO-1' OR 1=1 --"),
);

function check(result: Result<unknown, AppError>): void {
  cases += 1;
  if (!result.ok) {
    kinds.set(result.error.kind, (kinds.get(result.error.kind) ?? 0) + 1);
    const sentences = describeAppErrors(result.error, 'USD');
    if (sentences.length === 0 || sentences.some((s) => s.trim() === '')) failures += 1;
    expect(sentences.every((s) => s.trim() !== '')).toBe(true);
  }
  if (postingCount(deps) !== 0) failures += 1;
  expect(postingCount(deps)).toBe(0);
}

describe('fuzzed use-case input', () => {
  it('manual previews, and submits of what they return, give results or specific errors', () => {
    fc.assert(
      fc.property(manual, users, (input, requester) => {
        const preview = previewManualRequest(deps, input);
        check(preview);
        if (preview.ok) check(submitRequest(deps, { ...TEST_REASON, ...preview.value, requester }));
      }),
      { numRuns: RUNS },
    );
  });

  it('automatic previews give results or specific errors', () => {
    fc.assert(
      fc.property(automatic, (input) => check(previewAutomaticRun(deps, input))),
      { numRuns: RUNS },
    );
  });

  it('decisions by users without roles never post and always say why', () => {
    fc.assert(
      fc.property(ids, users, text, (id, by, reason) => {
        check(approveRequest(deps, { requestId: id, approver: by }));
        check(rejectRequest(deps, { requestId: id, by, reason }));
        check(reverseRequest(deps, { requestId: id, by, reason }));
        if (by !== 'U_CLERK') check(cancelRequest(deps, { requestId: id, by }));
      }),
      { numRuns: RUNS },
    );
  });
});
