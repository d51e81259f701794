// When a pending request is reminded and escalated (docs/write-off-rules.md#reminders,
// docs/decisions/227-reminders-and-escalation.md). Pure: times in, the next step out.

export const HOUR_MS = 3_600_000;

export type ReminderStep = 'remind' | 'escalate' | 'none';

/**
 * One reminder once the request has waited `slaMs`; one escalation `slaMs` after that reminder
 * (not after submission: a bot that was down sends the reminder first, never both at once);
 * then nothing more.
 */
export function nextReminderStep(input: {
  readonly createdAtMs: number;
  readonly nowMs: number;
  readonly slaMs: number;
  /** When the reminder was queued; null when it was not yet. */
  readonly remindedAtMs: number | null;
  readonly escalated: boolean;
}): ReminderStep {
  const { createdAtMs, nowMs, slaMs, remindedAtMs, escalated } = input;
  if (remindedAtMs === null) return nowMs - createdAtMs >= slaMs ? 'remind' : 'none';
  if (escalated) return 'none';
  return nowMs - remindedAtMs >= slaMs ? 'escalate' : 'none';
}
