// The automatic-criteria steps of the write-off modal (docs/automatic-write-offs.md): choosing
// "Automatic criteria" in step 1 swaps in the criteria form; changing its type re-renders it (the
// value's label and the FC By (%) options follow the type); range type-aheads; Preview checks
// the form (field errors) and acknowledges with a progress view before computing; Submit sends
// exactly the previewed run for approval.
import type { App, BlockAction, types } from '@slack/bolt';
import { type AutoFormErrors, checkAutoForm, findInvoiceNumbers } from '../../app/auto-form.ts';
import { submitAutoRunOffThread } from '../../app/auto-preview-off-thread.ts';
import { describeAppError } from '../../app/deps.ts';
import { discardDraft, findCustomers } from '../../app/drafts.ts';
import { ownedDraft } from '../../app/manual-modal.ts';
import { showCriteriaStep } from '../../app/manual-modal-steps.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import { formatMoney } from '../../domain/money.ts';
import { announceRequest } from '../announce-request.ts';
import { plainText } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { criteriaView, previewStepView, showAutoPreview } from '../flows/auto-run.ts';
import { EXPIRED_TEXT, modalRef } from '../flows/manual-steps.ts';
import { autoIds as ids, manualIds } from '../ids.ts';
import { parseAutoRunMetadata, parseAutoState } from '../parse/auto-state.ts';
import { autoMessageView, autoProgressView } from '../views/auto-preview.ts';
import { manualMessageView } from '../views/manual-common.ts';
import { customerChoice } from '../views/manual-models.ts';

const FIELD_BLOCKS: Readonly<Record<keyof AutoFormErrors, string>> = {
  type: ids.typeBlock,
  value: ids.valueBlock,
  fcPercent: ids.fcBlock,
  olderThan: ids.olderThanBlock,
  startDate: ids.startBlock,
  customerFrom: ids.customerFromBlock,
  customerTo: ids.customerToBlock,
  invoiceFrom: ids.invoiceFromBlock,
  invoiceTo: ids.invoiceToBlock,
  period: ids.periodBlock,
  date: ids.dateBlock,
  account: ids.accountBlock,
  comment: ids.commentBlock,
};

const OPTIONS_MAX = 50;

export function registerAutoCriteria(app: App, deps: SlackDeps): void {
  // Step 1's "Write off by" radio dispatches on change: Automatic criteria swaps the form in.
  app.action<BlockAction>(manualIds.modeAction, async ({ ack, body, action, client }) => {
    await ack();
    const chosen = action.type === 'radio_buttons' ? action.selected_option?.value : undefined;
    const view = body.view;
    if (chosen !== 'automatic' || view === undefined) return;
    const step = await whenUnlocked(() => showCriteriaStep(deps, modalRef(view, body.user.id)));
    if (step.kind === 'no_draft') return;
    await client.views.update({ view_id: view.id, hash: view.hash, view: criteriaView(step) });
  });

  app.action<BlockAction>(ids.typeAction, async ({ ack, body, action, client }) => {
    await ack();
    const view = body.view;
    if (view === undefined) return;
    const step = await whenUnlocked(() => showCriteriaStep(deps, modalRef(view, body.user.id)));
    if (step.kind === 'no_draft') return;
    // The action carries the new choice; the state may still hold the one before it.
    const type = action.type === 'radio_buttons' ? action.selected_option?.value : undefined;
    const values = { ...parseAutoState(view.state.values), ...(type && { type }) };
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: criteriaView(step, values),
    });
  });

  for (const action of [ids.customerFromAction, ids.customerToAction]) {
    app.options<'block_suggestion'>({ action_id: action }, async ({ ack, options }) => {
      let answer: types.PlainTextOption[] = [];
      try {
        const { currency, hits } = findCustomers(deps, options.value.slice(0, 100), OPTIONS_MAX);
        answer = hits.map((hit) => {
          const choice = customerChoice(hit, currency);
          return { text: plainText(choice.label), value: choice.value };
        });
      } catch (error) {
        deps.logger.error('customer range type-ahead failed; answered with no options', error);
      }
      await ack({ options: answer });
    });
  }
  for (const action of [ids.invoiceFromAction, ids.invoiceToAction]) {
    app.options<'block_suggestion'>({ action_id: action }, async ({ ack, options }) => {
      let answer: types.PlainTextOption[] = [];
      try {
        answer = findInvoiceNumbers(deps, options.value.slice(0, 100), OPTIONS_MAX).map((n) => ({
          text: plainText(n.slice(0, 75)),
          value: n,
        }));
      } catch (error) {
        deps.logger.error('invoice range type-ahead failed; answered with no options', error);
      }
      await ack({ options: answer });
    });
  }

  app.view(ids.criteriaCallback, async ({ ack, view, body, client }) => {
    const stored = ownedDraft(deps, modalRef(view, body.user.id));
    if (stored === null) {
      await ack({ response_action: 'update', view: manualMessageView(EXPIRED_TEXT) });
      return;
    }
    const checked = checkAutoForm(deps, parseAutoState(view.state.values));
    if (!checked.ok) {
      const errors = Object.fromEntries(
        Object.entries(checked.error).map(([field, message]) => [
          FIELD_BLOCKS[field as keyof AutoFormErrors],
          message,
        ]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({
      response_action: 'update',
      view: autoProgressView('Computing the preview over the open items…'),
    });
    await showAutoPreview(client, deps, view.id, stored.id, body.user.id, checked.value);
  });

  app.view(ids.previewCallback, async ({ ack, view, body, client }) => {
    const meta = parseAutoRunMetadata(view.private_metadata);
    const stored = ownedDraft(deps, modalRef(view, body.user.id));
    if (meta === null || stored === null) {
      await ack({ response_action: 'update', view: manualMessageView(EXPIRED_TEXT) });
      return;
    }
    await ack({ response_action: 'update', view: autoProgressView('Submitting the run…') });
    const checked = { input: meta.run.input, comment: meta.run.comment };
    const submitted = await submitAutoRunOffThread(deps, {
      ...checked,
      hash: meta.run.hash,
      requester: body.user.id,
    });
    if (!submitted.ok) {
      const error = submitted.error;
      const next =
        error.kind === 'preview_changed'
          ? previewStepView(
              stored.id,
              checked,
              error.fresh,
              'The figures changed since this preview was made. Check the new preview and submit again.',
            )
          : autoMessageView(`:warning: ${describeAppError(error.error, error.currency)}`);
      await client.views.update({ view_id: view.id, view: next });
      return;
    }
    const { requestId, totalMinor, currency } = submitted.value;
    discardDraft(deps, stored.id);
    const total = formatMoney(totalMinor, currency);
    await client.views.update({
      view_id: view.id,
      view: autoMessageView(
        `:white_check_mark: Write-off request *${requestId}* (${total}) is pending approval in <#${deps.approvalsChannel}>. Someone other than you approves it there.`,
      ),
    });
    try {
      await announceRequest(deps, requestId);
    } catch (error) {
      deps.logger.error(`announceRequest failed for ${requestId}`, error);
    }
  });
}
