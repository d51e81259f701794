// The reason modals (Reject here, Reverse in reverse.ts): validate (a reason is required), run
// the use-case, and answer the modal with the problem next to the field when nothing changed;
// then deliver the updates.
import type { App, webApi } from '@slack/bolt';
import { rejectRequest } from '../../app/decide-request.ts';
import type { AppError, SlackRef } from '../../app/deps.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import type { Result } from '../../domain/types.ts';
import type { SlackDeps } from '../deps.ts';
import { ids } from '../ids.ts';
import { parseReasonSubmission, type ReasonSubmission } from '../parse/approval.ts';
import { refusalText } from '../views/approval-notices.ts';
import { currencyOf } from './approval-actions.ts';
import { afterDecision } from './approval-respond.ts';

export const REASON_REQUIRED = 'A reason is required: say why, in a few words.';

export function registerRejectModal(app: App, deps: SlackDeps): void {
  registerReasonModal(app, deps, ids.approval.rejectModal, rejectRequest);
}

/** A use-case decided with a reason (reject, reverse). */
type ReasonDecision = (
  deps: SlackDeps,
  input: { requestId: string; by: string; reason: string; slack?: SlackRef },
) => Result<unknown, AppError>;

/**
 * A reason modal's submission (Reject, Reverse): a blank reason or a refusal is answered next to
 * the field and changes nothing; otherwise the messages are updated after the ack.
 */
export function registerReasonModal(
  app: App,
  deps: SlackDeps,
  callbackId: string,
  decide: ReasonDecision,
): void {
  app.view(callbackId, async ({ ack, body, client }) => {
    const submission = parseReasonSubmission(body);
    if (submission.reason === '') {
      await ack(reasonErrors(REASON_REQUIRED));
      return;
    }
    const result = await whenUnlocked(
      () =>
        decide(deps, {
          requestId: submission.metadata.requestId,
          by: submission.userId,
          reason: submission.reason,
          ...slackRefOf(submission),
        }),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (!result.ok) {
      await ack(reasonErrors(reasonProblem(deps, submission, result.error)));
      return;
    }
    await ack();
    await afterSubmission(client, deps, submission);
  });
}

function reasonErrors(message: string) {
  return {
    response_action: 'errors' as const,
    errors: { [ids.approval.reasonBlock]: message },
  };
}

function reasonProblem(deps: SlackDeps, s: ReasonSubmission, error: AppError): string {
  return error.kind === 'reason_required'
    ? REASON_REQUIRED
    : refusalText(error, currencyOf(deps, s.metadata));
}

function slackRefOf(s: ReasonSubmission): { slack?: { channel: string; ts: string } } {
  const { channel, ts } = s.metadata;
  return channel === undefined || ts === undefined ? {} : { slack: { channel, ts } };
}

function afterSubmission(
  client: webApi.WebClient,
  deps: SlackDeps,
  s: ReasonSubmission,
): Promise<void> {
  return afterDecision(client, deps, {
    requestId: s.metadata.requestId,
    userId: s.userId,
    fromHome: s.metadata.fromHome === true,
  });
}
