// The one place listeners are attached to the app. Each feature exports `registerX(app, deps)`
// and adds a line here, so an unregistered listener is easy to spot in review.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerApprovalActions } from './approval-actions.ts';
import { registerAutoCriteria } from './auto-criteria.ts';
import { registerCancel } from './cancel.ts';
import { registerDelegate } from './delegate.ts';
import { registerHome } from './home.ts';
import { registerHomeDigest } from './home-digest.ts';
import { registerNewWriteOffButtons } from './home-new-write-off.ts';
import { registerManualBack } from './manual-back.ts';
import { registerManualForm } from './manual-form.ts';
import { registerManualInvoices } from './manual-invoices.ts';
import { registerInvoicesSubmission } from './manual-invoices-submit.ts';
import { registerManualPreview } from './manual-preview.ts';
import { registerReverse } from './reverse.ts';
import { registerRoles } from './roles.ts';
import { registerWriteoffCommand } from './writeoff-command.ts';

export function registerListeners(app: App, deps: SlackDeps): void {
  registerWriteoffCommand(app, deps);
  // Manual write-off modal.
  registerManualForm(app, deps);
  registerManualInvoices(app, deps);
  registerInvoicesSubmission(app, deps);
  registerManualBack(app, deps);
  registerManualPreview(app, deps);
  registerAutoCriteria(app, deps);
  // Second-person approval.
  registerApprovalActions(app, deps);
  registerReverse(app, deps);
  registerCancel(app, deps);
  registerHome(app, deps);
  registerHomeDigest(app, deps);
  registerRoles(app, deps);
  registerDelegate(app, deps);
  registerNewWriteOffButtons(app, deps);
}
