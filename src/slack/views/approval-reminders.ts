// What the SLA reminder and the escalation to the admins say (docs/write-off-rules.md#reminders).
import { mentionUser } from '../blocks.ts';
import { SLASH_COMMAND, SUBCOMMANDS } from '../ids.ts';
import { cardTitle, limitAmountText, type RequestCard } from './approval-card.ts';

const waited = (hours: number) =>
  hours < 48 ? `${hours} hours` : `${Math.floor(hours / 24)} days`;

/** The one reminder, in the request's thread. */
export function reminderText(
  card: RequestCard,
  notice: { readonly approvers: readonly string[]; readonly hoursPending: number },
): string {
  const who =
    notice.approvers.length === 0
      ? `No approver's limit covers ${limitAmountText(card)} today; the admins are told if it keeps waiting.`
      : `${notice.approvers.map(mentionUser).join(', ')}: your limit covers ${limitAmountText(card)}; please approve or reject it.`;
  return `:alarm_clock: *Reminder:* this request has waited ${waited(notice.hoursPending)} for approval. ${who}`;
}

/** In the thread, once the request is escalated to the admins. */
export function slaEscalatedNote(hoursPending: number): string {
  return `:rotating_light: Still waiting after ${waited(hoursPending)} and a reminder: escalated to the admins.`;
}

/** The DM each admin gets. */
export function slaEscalatedDm(card: RequestCard, hoursPending: number): string {
  return `:rotating_light: ${cardTitle(card)} has waited ${waited(hoursPending)} for approval, past the SLA, and a reminder did not help. Ask an approver, approve it yourself if your limit covers it, or name a delegate for an approver who is away (\`${SLASH_COMMAND} ${SUBCOMMANDS.roles}\`).`;
}
