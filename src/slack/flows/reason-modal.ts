// The reason modals shared by Reject (listeners/approval-actions.ts) and Reverse
// (listeners/reverse.ts): open the modal unless the click is refused; on submit validate (a
// reason is required), run the use-case, and answer the modal with the problem next to the field
// when nothing changed; then deliver the updates.
import type { App, types, webApi } from '@slack/bolt';
import { type AppError, describeAppError, type SlackRef } from '../../app/deps.ts';
import { getRequestView } from '../../app/request-views.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import type { Result } from '../../domain/types.ts';
import type { SlackDeps } from '../deps.ts';
import { ids } from '../ids.ts';
import {
  type DecisionClick,
  parseReasonSubmission,
  type ReasonSubmission,
  reasonMetadata,
} from '../parse/approval.ts';
import { type RequestCard, requestCard } from '../views/approval-card.ts';
import { refusalText } from '../views/approval-notices.ts';
import { afterDecision, tellClicker } from './decision-response.ts';

// Worded once, with every other refusal, in app/deps.ts.
const REASON_REQUIRED = describeAppError({ kind: 'reason_required' }, '');

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

/** What differs between the buttons that ask for a reason first (Reject, Reverse). */
export interface ReasonButton {
  readonly precheck: (deps: SlackDeps, requestId: string, userId: string) => AppError | undefined;
  /** Told to the clicker when the modal cannot open although nothing refused (no request…). */
  readonly unavailableText: string;
  readonly modal: (card: RequestCard, privateMetadata: string) => types.ModalView;
}

/** A refused click is told why; otherwise the reason modal opens on the click's trigger. */
export async function openReasonModal(
  client: webApi.WebClient,
  deps: SlackDeps,
  click: DecisionClick,
  button: ReasonButton,
): Promise<void> {
  const refused = button.precheck(deps, click.requestId, click.userId);
  const view = getRequestView(deps, click.requestId);
  if (refused !== undefined || view === null || click.triggerId === undefined) {
    const text =
      refused === undefined
        ? button.unavailableText
        : refusalText(refused, currencyOf(deps, click));
    await tellClicker(client, click.surface, click.userId, text);
    return;
  }
  await client.views.open({
    trigger_id: click.triggerId,
    view: button.modal(requestCard(view), reasonMetadata(click)),
  });
}

export function currencyOf(deps: SlackDeps, click: { readonly requestId: string }): string {
  return getRequestView(deps, click.requestId)?.currency ?? 'USD';
}
