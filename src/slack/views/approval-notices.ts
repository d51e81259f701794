// Pure builders for what people are told around a decision: thread notes, DMs to the requester
// and to admins, and the ephemeral refusals an approver sees. Each says what happened, who did
// it, and what to do next.
import type { Notice } from '../../app/notification-outbox.ts';
import { formatMoney } from '../../domain/money.ts';
import { type AppError, describeAppError } from '../../domain/request-errors.ts';
import { escapeMrkdwn, mentionUser, section, truncate } from '../blocks.ts';
import { SLASH_COMMAND, SUBCOMMANDS } from '../ids.ts';
import { cardTitle, limitAmountText, type RequestCard } from './approval-card.ts';
import type { SlackMessage } from './approval-messages.ts';
import {
  recoveryPostedText,
  recoveryProposedDm,
  recoveryProposedNote,
  recoveryRejectedText,
} from './approval-recovery.ts';
import { reminderText, slaEscalatedDm, slaEscalatedNote } from './approval-reminders.ts';
import { ownerActions, resubmitButton } from './request-owner-actions.ts';

const mentions = (users: readonly string[]) => users.map(mentionUser).join(', ');
const reasonText = (reason: string) => escapeMrkdwn(truncate(reason, 1000));
const itemList = (items: readonly string[]) =>
  escapeMrkdwn(truncate(items.join(', ') || 'items', 1000));

function message(text: string, extra: KnownBlocks = []): SlackMessage {
  return { text: plainFallback(text), blocks: [section(text), ...extra] };
}

type KnownBlocks = SlackMessage['blocks'];

// The fallback is read aloud and shown in notifications: drop mrkdwn emphasis marks.
function plainFallback(text: string): string {
  return truncate(text.replaceAll('*', ''), 3000);
}

// docs/decisions/262-reversal-after-recovery.md: a partly recovered write-off is reversed for the rest.
function afterRecoveries(notice: Extract<Notice, { kind: 'reversed' }>): string {
  const recovered = notice.recoveredMinor ?? 0;
  if (recovered === 0) return '';
  return ` for what is left after ${formatMoney(recovered, notice.currency ?? 'USD')} recovered`;
}

/** A reply in the request's thread. */
export function threadNote(card: RequestCard, notice: Notice): SlackMessage {
  switch (notice.kind) {
    case 'stale':
      return message(
        `:warning: *Not posted:* balances changed since the preview (${itemList(notice.changedItems)}). ${mentionUser(card.requester)} was asked for a fresh preview.`,
      );
    case 'reversed':
      return message(
        `:leftwards_arrow_with_hook: ${mentionUser(notice.by)} reversed this write-off: journal entry #${notice.entryId} mirrors #${card.entryId ?? '?'}${afterRecoveries(notice)}. Reason: ${reasonText(notice.reason)}`,
      );
    case 'escalated':
      return message(
        notice.eligibleApprovers.length > 0
          ? `:arrow_up: This request needs an approver whose limit covers ${limitAmountText(card)}: ${mentions(notice.eligibleApprovers)}.`
          : `:rotating_light: No approver's limit covers ${limitAmountText(card)}, so this request was escalated to the admins.`,
      );
    case 'posted':
      return message(`:white_check_mark: Posted: journal entry #${notice.entryId}.`);
    case 'rejected':
      return message(`:x: Rejected by ${mentionUser(notice.by)}: ${reasonText(notice.reason)}`);
    case 'cancelled':
      return message(
        `:no_entry_sign: Cancelled by ${mentionUser(notice.by)}; nothing was posted and its items are free again.`,
      );
    case 'reminder':
      return message(reminderText(card, notice));
    case 'sla_escalated':
      return message(slaEscalatedNote(notice.hoursPending));
    case 'recovery_proposed':
      return recoveryProposedNote(card, notice);
    case 'recovery_posted':
      return message(recoveryPostedText(card, notice));
    case 'recovery_rejected':
      return message(recoveryRejectedText(card, notice));
  }
}

/** A direct message about a request (to its requester, or to an admin for an escalation). */
export function directNotice(card: RequestCard, notice: Notice): SlackMessage {
  const title = cardTitle(card);
  switch (notice.kind) {
    case 'posted':
      return message(
        `:white_check_mark: Your write-off ${title} was approved by ${mentionUser(card.approver ?? '?')} and posted: journal entry #${notice.entryId}.`,
      );
    case 'rejected':
      return message(
        `:x: Your write-off ${title} was rejected by ${mentionUser(notice.by)}. Reason: ${reasonText(notice.reason)}`,
        card.controls?.resubmittable === true
          ? [ownerActions(card.requestId, [resubmitButton(card.requestId)])]
          : [],
      );
    case 'stale':
      return staleDm(card, title, notice.changedItems);
    case 'reversed':
      return message(
        `:leftwards_arrow_with_hook: Your write-off ${title} was reversed by ${mentionUser(notice.by)}: journal entry #${notice.entryId}${afterRecoveries(notice)}. Reason: ${reasonText(notice.reason)}`,
      );
    case 'cancelled':
      return message(
        `:no_entry_sign: Your write-off ${title} was cancelled by ${mentionUser(notice.by)}.`,
      );
    case 'escalated':
      return message(
        `:rotating_light: ${title} is waiting for approval, but no approver's limit covers it. Raise a limit (or grant the approver role) with \`${SLASH_COMMAND} ${SUBCOMMANDS.roles}\`.`,
      );
    case 'reminder':
      return message(reminderText(card, notice));
    case 'sla_escalated':
      return message(slaEscalatedDm(card, notice.hoursPending));
    case 'recovery_proposed':
      return message(recoveryProposedDm(card, notice));
    case 'recovery_posted':
      return message(recoveryPostedText(card, notice));
    case 'recovery_rejected':
      return message(recoveryRejectedText(card, notice));
  }
}

// Since "Edit and resubmit" (ADR 220) a stale request is reopened prefilled and the new request
// revises it; the DM says so and carries that button. Messages sent before still carry "Open a
// fresh preview", which the same listener keeps answering.
function staleDm(card: RequestCard, title: string, changedItems: readonly string[]): SlackMessage {
  const what = `:warning: Your write-off ${title} was not posted: balances changed since the preview (${itemList(changedItems)}).`;
  if (card.controls?.resubmittable === true) {
    return message(
      `${what} *Edit and resubmit* opens it again at today's balances; the new request revises this one.`,
      [ownerActions(card.requestId, [resubmitButton(card.requestId)])],
    );
  }
  return message(
    `${what} Start a new run with today's numbers, or resubmit it from the command line with \`--revises ${card.requestId}\`.`,
  );
}

// ADR 100: the limit must cover the gross amount; the net total is shown beside it when it differs.
function overLimitText(error: Extract<AppError, { kind: 'over_limit' }>): string {
  const money = (minor: number) => formatMoney(minor, error.currency);
  const gross = money(error.grossMinor);
  const differs = error.totalMinor !== error.grossMinor;
  const limit =
    error.limitMinor === null
      ? `You have no approval limit in ${error.currency}`
      : `Your limit is ${money(error.limitMinor)}`;
  const eligible = error.eligibleApprovers;
  if (error.action === 'reverse') {
    const needs = differs
      ? `reversing this write-off (${money(error.totalMinor)} net, ${gross} gross) needs a limit covering the gross amount`
      : `reversing this write-off needs a limit covering ${gross}`;
    const who =
      eligible.length > 0
        ? `approvers who can reverse it: ${mentions(eligible)}`
        : `no approver's limit covers it; an admin can raise one with \`${SLASH_COMMAND} ${SUBCOMMANDS.roles}\``;
    return `${limit}; ${needs} — ${who}.`;
  }
  const amount = differs
    ? `${money(error.totalMinor)} net, ${gross} gross, and the limit must cover the gross amount`
    : gross;
  const who =
    eligible.length > 0
      ? `approvers who can: ${mentions(eligible)}`
      : "no approver's limit covers it, so it was escalated to the admins";
  return `${limit}; this request is ${amount} — ${who}.`;
}

/** What an approver is told (ephemerally) when their click changed nothing, or why it failed. */
export function refusalText(error: AppError, currency: string): string {
  switch (error.kind) {
    case 'self_approval':
      return 'You requested this write-off; a second person must approve it.';
    case 'not_approver':
      return `You don't have the approver role, so you can't decide on write-offs. An admin can grant it with \`${SLASH_COMMAND} ${SUBCOMMANDS.roles}\`.`;
    case 'over_limit':
      return overLimitText(error);
    case 'already_posted':
      return `${error.requestId} is already posted (journal entry #${error.entryId}); nothing was changed.`;
    case 'already_reversed':
      return `${error.requestId} is already reversed (journal entry #${error.entryId}); nothing was changed.`;
    case 'not_pending':
      return error.status === 'stale'
        ? `Not posted: balances changed since the preview, so ${error.requestId} is stale. The requester was asked for a fresh preview.`
        : `${error.requestId} is ${error.status}, not pending; nothing was changed.`;
    case 'not_allowed':
      return `You are not allowed to ${escapeMrkdwn(error.action.replace('their own', 'your own'))}.`;
    case 'stale':
      return `Not posted: balances changed since the preview (${itemList(error.changedItems)}). The requester was asked for a fresh preview.`;
    default:
      return escapeMrkdwn(describeAppError(error, currency));
  }
}
