// "Back" on the preview step of the manual write-off modal: the invoice step again, as the draft
// has it (one use-case, app/manual-modal-steps.ts).
import type { App, BlockAction } from '@slack/bolt';
import { backToInvoices } from '../../app/manual-modal-steps.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { redrawModal } from '../flows/manual-steps.ts';
import { manualIds as ids } from '../ids.ts';

export function registerManualBack(app: App, deps: SlackDeps): void {
  app.action<BlockAction>(
    ids.backToInvoicesAction,
    redrawModal(deps, (ref) => whenUnlocked(() => backToInvoices(deps, ref))),
  );
}
