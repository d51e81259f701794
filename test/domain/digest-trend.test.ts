// The weekly digest over time: the 8-week trend and the change from the week before, reversals
// and net, and requests still pending past the SLA when the week ended.
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/domain/digest.ts';
import { digestToJson } from '../../src/domain/digest-json.ts';
import { at, empty, H, request, week } from '../support/digest-facts.ts';

describe('the digest over time', () => {
  it('reports the 8-week trend, the change, reversals and net', () => {
    const posted = [
      request('WO-1', 300, '2026-10-12T10:00:00Z'), // W42, the oldest trend week
      request('WO-2', 500, '2026-11-24T10:00:00Z'), // W48
      request('WO-3', 800, '2026-12-01T10:00:00Z'), // W49
      request('WO-4', 999, '2026-10-05T10:00:00Z'), // W41: outside the trend
    ];
    const reversals = [
      { requestId: 'WO-2', totalMinor: 500, atMs: at('2026-12-02T10:00:00Z') },
      { requestId: 'WO-3', totalMinor: 800, atMs: at('2026-12-08T10:00:00Z') }, // next week
    ];
    const d = buildDigest(
      { week: week('2026-W49'), timezone: 'UTC' },
      { ...empty, posted, reversals },
    );
    expect(d.trend.map((t) => t.week)).toEqual([
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
      '2026-W48',
      '2026-W49',
    ]);
    expect(d.trend.map((t) => t.totalMinor)).toEqual([300, 0, 0, 0, 0, 0, 500, 800]);
    expect(d.changeFromPreviousWeekMinor).toBe(300);
    expect(d.reversed).toEqual({ count: 1, totalMinor: 500 });
    expect(d.netMinor).toBe(300);
    const next = buildDigest(
      { week: week('2026-W50'), timezone: 'UTC' },
      { ...empty, posted, reversals },
    );
    expect(next.reversed).toEqual({ count: 1, totalMinor: 800 });
    expect(next.netMinor).toBe(-800);
    expect(next.changeFromPreviousWeekMinor).toBe(-800);
  });

  it('lists requests pending past the SLA at the end of the week, oldest first', () => {
    const end = at('2026-12-07T00:00:00Z');
    const sub = (
      requestId: string,
      submittedAtMs: number,
      leftPendingAtMs: number | null = null,
    ) => ({
      requestId,
      totalMinor: 5_000,
      submittedAtMs,
      leftPendingAtMs,
      thread: { channel: 'C0APPROVALS', ts: '1.000001' },
    });
    const submitted = [
      sub('WO-5', end - 48 * H), // exactly the SLA: not past it
      sub('WO-6', end - 48 * H - 1000),
      sub('WO-7', end - 100 * H),
      sub('WO-8', end - 100 * H, end - 1), // decided before the end
      sub('WO-9', end - 100 * H, end + 1), // decided after the end: still pending then
    ];
    const decisions = [
      { requestId: 'WO-8', kind: 'rejected' as const, atMs: end - 1 },
      { requestId: 'WO-9', kind: 'stale' as const, atMs: end + 1 },
    ];
    const d = buildDigest(
      { week: week('2026-W49'), timezone: 'UTC' },
      { ...empty, submitted, decisions },
    );
    expect(d.pendingPastSla.map((p) => p.request)).toEqual(['WO-7', 'WO-9', 'WO-6']);
    expect([d.rejected, d.stale]).toEqual([1, 0]);
    const json = digestToJson(d) as { pendingPastSla: unknown[] };
    expect(json.pendingPastSla[0]).toEqual({
      request: 'WO-7',
      total: '50.00',
      submittedAt: '2026-12-02T20:00:00Z',
    });
  });
});
