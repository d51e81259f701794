// The one place listeners are attached to the app. Each feature exports `registerX(app, deps)`
// (or a `/writeoff` sub-command handler) and adds a line here, so an unregistered listener is
// easy to spot in review. Each listener module calls one app use-case per interaction
// (docs/decisions/205-one-use-case-per-interaction.md); listeners never import each other.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { SUBCOMMANDS } from '../ids.ts';
import type { OptionsRouter } from '../options-router.ts';
import { registerApprove } from './approve.ts';
import { registerAutoCriteria } from './auto-criteria.ts';
import { registerAutoPreview } from './auto-preview.ts';
import { registerAutoSubmit } from './auto-submit.ts';
import { registerCancel } from './cancel.ts';
import { registerCustomerTypeahead } from './customer-typeahead.ts';
import { registerDelegate } from './delegate.ts';
import { registerDelegateOpen } from './delegate-open.ts';
import { digestSubcommand } from './digest-command.ts';
import { registerHome } from './home.ts';
import { registerHomeDigest } from './home-digest.ts';
import { registerNewWriteOffButton } from './home-new-write-off.ts';
import { registerInvoiceTypeahead } from './invoice-typeahead.ts';
import { registerManualBack } from './manual-back.ts';
import { registerManualForm } from './manual-form.ts';
import { registerManualInvoices } from './manual-invoices.ts';
import { registerInvoicesSubmission } from './manual-invoices-submit.ts';
import { openSubcommand } from './manual-open.ts';
import { registerManualPreview } from './manual-preview.ts';
import { registerReasonButtons } from './reason-buttons.ts';
import { registerReasonModals } from './reason-modals.ts';
import { registerRecovery } from './recovery.ts';
import { registerRecoveryReject } from './recovery-reject.ts';
import { registerRecoveryRejectOpen } from './recovery-reject-open.ts';
import { registerRefreshPreview } from './refresh-preview.ts';
import { registerRoles } from './roles.ts';
import { rolesSubcommand } from './roles-command.ts';
import { registerWriteoffCommand } from './writeoff-command.ts';

/** `options`: where type-ahead options loads are answered (options-router.ts, ADR 360). */
export function registerListeners(app: App, deps: SlackDeps, options: OptionsRouter): void {
  registerWriteoffCommand(app, deps, {
    // A bare `/writeoff` opens the write-off form.
    '': openSubcommand(deps),
    // Admins manage roles and approval limits (roles-command.ts, roles.ts).
    [SUBCOMMANDS.roles]: rolesSubcommand(deps),
    // Managers switch their weekly digest on and off.
    [SUBCOMMANDS.digest]: digestSubcommand(deps),
  });
  // Manual write-off modal.
  registerCustomerTypeahead(options, deps);
  registerManualForm(app, deps);
  registerManualInvoices(app, deps);
  registerInvoicesSubmission(app, deps);
  registerManualBack(app, deps);
  registerManualPreview(app, deps);
  registerAutoCriteria(app, deps);
  registerInvoiceTypeahead(options, deps);
  registerAutoPreview(app, deps);
  registerAutoSubmit(app, deps);
  // Second-person approval.
  registerApprove(app, deps);
  registerReasonButtons(app, deps);
  registerReasonModals(app, deps);
  registerCancel(app, deps);
  registerHome(app, deps);
  registerHomeDigest(app, deps);
  registerRoles(app, deps);
  registerRecovery(app, deps);
  registerRecoveryRejectOpen(app, deps);
  registerRecoveryReject(app, deps);
  registerDelegate(app, deps);
  registerDelegateOpen(app, deps);
  registerNewWriteOffButton(app, deps);
  registerRefreshPreview(app, deps);
}
