// The SLA reminder pass (docs/write-off-rules.md#reminders, ADR 227): takes `now`, keeps no timer
// and never talks to Slack — it queues outbox events, which the outbox worker delivers. The
// outbox scheduler (scheduler.ts) runs it before each delivery pass.
import type { AppDeps } from '../app/deps.ts';
import { queueDueReminders, type ReminderPass, remindersMayBeDue } from '../app/reminders.ts';
import { whenUnlocked } from '../app/use-case-tx.ts';
import type { Store } from '../db/store.ts';

export async function runReminderPass(
  deps: { readonly store: Store },
  now: Date,
): Promise<ReminderPass> {
  const app: AppDeps = { store: deps.store, now: () => now };
  // Most passes find no request pending: one read says so without the write lock (ADR 380).
  if (!remindersMayBeDue(app)) return { reminded: [], escalated: [] };
  // Another process holding the write lock is waited for asynchronously (ADR 120).
  return whenUnlocked(() => queueDueReminders(app));
}
