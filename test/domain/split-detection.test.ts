// Split detection's rule (docs/write-off-rules.md#split-detection), pure.
import { describe, expect, it } from 'vitest';
import { detectSplit, type SplitCandidate } from '../../src/domain/split-detection.ts';

const DAY_MS = 86_400_000;
const NOW = 100 * DAY_MS;
const rule = { windowDays: 30, thresholdMinor: 20000 };
const req = (over: Partial<SplitCandidate>): SplitCandidate => ({
  requestId: 'WO-2',
  requester: 'U1',
  customerId: 'C1',
  status: 'pending',
  createdAtMs: NOW,
  grossMinor: 9000,
  invoices: ['A'],
  ...over,
});

describe('detectSplit', () => {
  const mine = req({});
  it('flags pieces under the threshold that reach it together, inside the window', () => {
    const other = req({
      requestId: 'WO-1',
      createdAtMs: NOW - 30 * DAY_MS,
      grossMinor: 11000,
      invoices: ['B'],
    });
    expect(detectSplit(mine, [other], rule, NOW)).toMatchObject({
      related: [{ requestId: 'WO-1', grossMinor: 11000 }],
      combinedMinor: 20000,
      sameInvoices: [],
    });
    expect(
      detectSplit(mine, [{ ...other, createdAtMs: NOW - 30 * DAY_MS - 1 }], rule, NOW),
    ).toBeNull();
  });
  it('ignores other requesters, other customers, decided-against requests and big pieces', () => {
    const other = req({ requestId: 'WO-1', grossMinor: 11000, invoices: ['B'] });
    for (const changed of [
      { requester: 'U2' },
      { customerId: 'C2' },
      { status: 'rejected' },
      { status: 'reversed' },
      { grossMinor: 20000 },
    ]) {
      expect(
        detectSplit(mine, [{ ...other, ...changed }], rule, NOW),
        JSON.stringify(changed),
      ).toBeNull();
    }
    expect(detectSplit({ ...mine, customerId: null }, [other], rule, NOW)).toBeNull();
  });
  it('flags the same invoice again whatever the amounts', () => {
    const small = req({ requestId: 'WO-1', status: 'posted', grossMinor: 900, invoices: ['A'] });
    expect(detectSplit({ ...mine, grossMinor: 900 }, [small], rule, NOW)).toMatchObject({
      combinedMinor: 1800,
      sameInvoices: ['A'],
    });
  });
});
