// Submit on the automatic-run preview: one use-case sends exactly the previewed run for approval
// (previewed again after a progress view acknowledged the submission; a changed ledger shows the
// fresh preview instead) and drops the draft; then what the submission queued is delivered.
import type { App } from '@slack/bolt';
import type { CheckedAutoForm } from '../../app/auto-form.ts';
import { submitAutoCriteria } from '../../app/auto-modal.ts';
import { formatMoney } from '../../domain/money.ts';
import { describeAppError } from '../../domain/request-errors.ts';
import type { SlackDeps } from '../deps.ts';
import { previewStepView } from '../flows/auto-run.ts';
import { EXPIRED_TEXT, modalRef } from '../flows/manual-steps.ts';
import { autoIds as ids } from '../ids.ts';
import { type AutoRunMetadata, parseAutoRunMetadata } from '../parse/auto-state.ts';
import { parseReasonState, reasonErrors } from '../parse/reason-state.ts';
import { autoMessageView, autoProgressView } from '../views/auto-preview.ts';
import { manualMessageView } from '../views/manual-common.ts';

/**
 * The criteria and comment as the preview step carried them, with the reason and evidence as
 * its inputs stand now (the clerk may have changed them on this step).
 */
function checkedOf(meta: AutoRunMetadata, values: unknown): CheckedAutoForm {
  const {
    hash: _hash,
    grossMinor: _gross,
    reasonCode: _code,
    evidence: _evidence,
    ...rest
  } = meta.run;
  return { ...rest, ...parseReasonState(values) };
}

export function registerAutoSubmit(app: App, deps: SlackDeps): void {
  app.view(ids.previewCallback, async ({ ack, view, body, client }) => {
    const meta = parseAutoRunMetadata(view.private_metadata);
    const checked = meta === null ? null : checkedOf(meta, view.state.values);
    const outcome =
      meta === null || checked === null
        ? null
        : submitAutoCriteria(deps, modalRef(view, body.user.id), {
            ...checked,
            hash: meta.run.hash,
            requester: body.user.id,
            previewedGrossMinor: meta.run.grossMinor,
          });
    if (outcome === null || outcome.kind === 'no_draft' || meta === null || checked === null) {
      await ack({ response_action: 'update', view: manualMessageView(EXPIRED_TEXT) });
      return;
    }
    if (outcome.kind === 'reason_errors') {
      await ack({ response_action: 'errors', errors: reasonErrors(outcome.errors) });
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
              submitted,
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
