// When reminders and escalations are due (docs/decisions/227-reminders-and-escalation.md), pure.
import { describe, expect, it } from 'vitest';
import { nextReminderStep } from '../../src/domain/reminders.ts';

const SLA = 48 * 3_600_000;
const step = (nowMs: number, remindedAtMs: number | null, escalated = false) =>
  nextReminderStep({ createdAtMs: 0, nowMs, slaMs: SLA, remindedAtMs, escalated });

describe('nextReminderStep', () => {
  it('reminds once at the SLA, escalates one SLA after the reminder, then stops', () => {
    expect(step(SLA - 1, null)).toBe('none');
    expect(step(SLA, null)).toBe('remind');
    expect(step(5 * SLA, null)).toBe('remind');
    expect(step(2 * SLA - 1, SLA)).toBe('none');
    expect(step(2 * SLA, SLA)).toBe('escalate');
    expect(step(6 * SLA, 5 * SLA)).toBe('escalate');
    expect(step(100 * SLA, SLA, true)).toBe('none');
  });
});
