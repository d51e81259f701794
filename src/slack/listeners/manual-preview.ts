// Step 3 of the manual write-off modal: Submit sends exactly the previewed write-off for
// approval (response_action clear), then the request is announced in the approvals channel and
// the clerk gets a DM with the request id and a link to the thread. Back returns to the invoices.
import type { App, BlockAction } from '@slack/bolt';
import { describeAppError } from '../../app/deps.ts';
import { discardDraft, type StoredDraft } from '../../app/drafts.ts';
import { submitDraft } from '../../app/drafts-preview.ts';
import { getRequestView } from '../../app/request-views.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { formatMoney } from '../../domain/money.ts';
import { announceRequest } from '../announce-request.ts';
import type { SlackDeps } from '../deps.ts';
import { invoicesWithProblems } from '../flows/manual-problems.ts';
import {
  draftOfView,
  EXPIRED_TEXT,
  invoicesStepView,
  previewStepView,
  redrawModal,
  saveRevision,
} from '../flows/manual-steps.ts';
import { manualIds as ids } from '../ids.ts';
import { manualMessageView } from '../views/manual-common.ts';
import { submittedMessage } from '../views/manual-confirmation.ts';

export const PREVIEW_CHANGED_TEXT =
  'The figures changed since this preview was made (a payment, a re-import or another request). Check the new preview and submit again.';

export const PREVIEW_REFRESHED_TEXT = 'This preview was refreshed; check it and submit again.';

type WebClient = App['client'];

export function registerManualPreview(app: App, deps: SlackDeps): void {
  app.action<BlockAction>(
    ids.backToInvoicesAction,
    redrawModal(deps, (stored) =>
      invoicesStepView(deps, saveRevision(deps, stored, { ...stored.draft, step: 'invoices' })),
    ),
  );

  app.view(ids.previewCallback, async ({ ack, view, body, client }) => {
    const stored = draftOfView(deps, view, body.user.id);
    if (stored === null) {
      await ack({ response_action: 'update', view: manualMessageView(EXPIRED_TEXT) });
      return;
    }
    const submitted = await whenUnlocked(
      () => submitDraft(deps, stored),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (submitted.ok) {
      await ack({ response_action: 'clear' });
      await whenUnlocked(() => discardDraft(deps, stored.id));
      await announceAndConfirm(client, deps, stored, submitted.value.requestId);
      return;
    }
    const error = submitted.error;
    if (error.kind === 'problems') {
      await ack({
        response_action: 'update',
        view: invoicesWithProblems(deps, stored, error.problems),
      });
      return;
    }
    // Show the preview at today's balances with the reason; submitting again submits that.
    const { fresh } = error;
    const notice =
      error.kind === 'refused'
        ? `${describeAppError(error.error, error.currency)} ${PREVIEW_REFRESHED_TEXT}`
        : PREVIEW_CHANGED_TEXT;
    const saved = saveRevision(deps, stored, {
      ...stored.draft,
      previewHash: fresh.previewHash,
      snapshot: fresh.snapshot,
    });
    await ack({ response_action: 'update', view: previewStepView(saved, fresh, notice) });
  });
}

/** After the modal closed: the request exists and is pending whatever Slack does next. */
async function announceAndConfirm(
  client: WebClient,
  deps: SlackDeps,
  stored: StoredDraft,
  requestId: string,
): Promise<void> {
  try {
    await announceRequest(deps, requestId);
  } catch (error) {
    deps.logger.error(`announceRequest failed for ${requestId}`, error);
  }
  const request = getRequestView(deps, requestId);
  if (request === null) return;
  let threadLink: string | null = null;
  if (request.slack !== null) {
    const link = await client.chat.getPermalink({
      channel: request.slack.channel,
      message_ts: request.slack.threadTs ?? request.slack.ts,
    });
    threadLink = link.permalink ?? null;
  }
  const customer = request.customers.map((c) => `${c.name} (${c.id})`).join(', ');
  const message = submittedMessage({
    requestId,
    totalText: formatMoney(request.totalMinor, request.currency),
    customer,
    approvalsChannel: deps.approvalsChannel,
    threadLink,
  });
  const dm = await client.conversations.open({ users: stored.draft.userId });
  const channel = dm.channel?.id;
  if (channel !== undefined) await client.chat.postMessage({ channel, ...message });
}
