// The digest as the command line prints it in JSON: its keys in order and amounts as text.
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/domain/digest.ts';
import { digestToJson } from '../../src/domain/digest-json.ts';
import { empty, item, request, week } from '../support/digest-facts.ts';

describe('digestToJson', () => {
  it('prints the JSON shape of the command line', () => {
    const posted = [request('WO-3', 100_000, '2026-12-01T10:00:00Z')];
    const items = [item('WO-3', 100_000, '2026-03-01', { invoice: '1001' })];
    const d = buildDigest(
      { week: week('2026-W49'), timezone: 'Europe/Berlin' },
      { ...empty, posted, items },
    );
    const json = digestToJson(d);
    expect(Object.keys(json)).toEqual([
      'week',
      'timezone',
      'from',
      'to',
      'currency',
      'posted',
      'reversed',
      'net',
      'byReason',
      'byClerk',
      'byCustomer',
      'byAge',
      'trend',
      'changeFromPreviousWeek',
      'pendingPastSla',
      'rejected',
      'stale',
      'largest',
    ]);
    expect(json).toMatchObject({
      week: '2026-W49',
      from: '2026-11-30',
      to: '2026-12-06',
      posted: { total: '1000.00', requests: 1, items: 1 },
      reversed: { count: 0, total: '0.00' },
      net: '1000.00',
      byReason: [{ reason: 'none', total: '1000.00', requests: 1 }],
      byAge: [
        { bucket: '0-90', total: '0.00' },
        { bucket: '91-180', total: '0.00' },
        { bucket: '181-365', total: '1000.00' },
        { bucket: '366+', total: '0.00' },
      ],
      largest: [{ request: 'WO-3', customer: 'C100', invoice: '1001', total: '1000.00' }],
    });
  });
});
