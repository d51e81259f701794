// Submit on the automatic-run preview: one use-case sends exactly the previewed run for approval
// (previewed again after a progress view acknowledged the submission; a changed ledger shows the
// fresh preview instead) and drops the draft; then what the submission queued is delivered.
import type { App } from '@slack/bolt';
import { submitAutoCriteria } from '../../app/auto-modal.ts';
import { formatMoney } from '../../domain/money.ts';
import { describeAppError } from '../../domain/request-errors.ts';
import type { SlackDeps } from '../deps.ts';
import { previewStepView } from '../flows/auto-run.ts';
import { EXPIRED_TEXT, modalRef } from '../flows/manual-steps.ts';
import { autoIds as ids } from '../ids.ts';
import { parseAutoRunMetadata } from '../parse/auto-state.ts';
import { autoMessageView, autoProgressView } from '../views/auto-preview.ts';
import { manualMessageView } from '../views/manual-common.ts';

export function registerAutoSubmit(app: App, deps: SlackDeps): void {
  app.view(ids.previewCallback, async ({ ack, view, body, client }) => {
    const meta = parseAutoRunMetadata(view.private_metadata);
    // The criteria, comment, reason and evidence as the preview step carried them.
    const checked = meta === null ? null : (({ hash: _hash, ...rest }) => rest)(meta.run);
    const outcome =
      meta === null || checked === null
        ? null
        : submitAutoCriteria(deps, modalRef(view, body.user.id), {
            ...checked,
            hash: meta.run.hash,
            requester: body.user.id,
          });
    if (outcome === null || outcome.kind === 'no_draft' || meta === null || checked === null) {
      await ack({ response_action: 'update', view: manualMessageView(EXPIRED_TEXT) });
      return;
    }
    await ack({ response_action: 'update', view: autoProgressView('Submitting the run…') });
    const submitted = await outcome.submit();
    if (submitted.kind !== 'submitted') {
      const next =
        submitted.kind === 'preview_changed'
          ? previewStepView(
              meta.draft,
              checked,
              submitted.fresh,
              'The figures changed since this preview was made. Check the new preview and submit again.',
            )
          : autoMessageView(`:warning: ${describeAppError(submitted.error, submitted.currency)}`);
      await client.views.update({ view_id: view.id, view: next });
      return;
    }
    const { requestId, totalMinor, currency } = submitted;
    const total = formatMoney(totalMinor, currency);
    await client.views.update({
      view_id: view.id,
      view: autoMessageView(
        `:white_check_mark: Write-off request *${requestId}* (${total}) is pending approval in <#${deps.approvalsChannel}>. Someone other than you approves it there.`,
      ),
    });
    try {
      await deps.notifications.deliverFor(requestId);
    } catch (error) {
      deps.logger.error(`announceRequest failed for ${requestId}`, error);
    }
  });
}
