// The automatic-criteria form of the write-off modal (docs/automatic-write-offs.md): choosing
// "Automatic criteria" in step 1 swaps in the criteria form; changing its type re-renders it
// (the value's label and the FC By (%) options follow the type). One use-case each
// (showCriteriaStep). The range type-aheads, Preview and Submit are their own listeners.
import type { App, BlockAction } from '@slack/bolt';
import { showCriteriaStep } from '../../app/manual-modal-steps.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { criteriaView } from '../flows/auto-run.ts';
import { modalRef } from '../flows/manual-steps.ts';
import { autoIds as ids, manualIds } from '../ids.ts';
import { parseAutoState } from '../parse/auto-state.ts';

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
}
