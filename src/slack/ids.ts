// Every Slack identifier the app owns: command names, HTTP paths, callback/action/block ids.
// Builders and listeners import the same constant, so a renamed id cannot leave a listener
// silently deaf. Nothing else in src/ may spell an id.

/** The one slash command (must match manifest.yml `features.slash_commands`). */
export const SLASH_COMMAND = '/writeoff';

/** Bolt's default receiver serves commands, interactivity, options and events on one path. */
export const EVENTS_PATH = '/slack/events';
/** Readiness probe: 200 once the database is open and migrated. */
export const HEALTHZ_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

/** `/writeoff <sub-command>` words. The empty string is a bare `/writeoff`. */
export const SUBCOMMANDS = {
  help: 'help',
  roles: 'roles',
  digest: 'digest',
} as const;

export const ids = {
  help: {
    headerBlock: 'help_header',
    usageBlock: 'help_usage',
    approvalsBlock: 'help_approvals',
    voidNoteBlock: 'help_void_note',
  },
  unknownCommand: {
    messageBlock: 'unknown_command',
  },
  // Second-person approval. Per-request block ids are `<prefix>:<requestId>` so a
  // Home tab listing several requests keeps every block id unique.
  approval: {
    approveAction: 'writeoff_approve',
    rejectAction: 'writeoff_reject',
    reverseAction: 'writeoff_reverse',
    refreshPreviewAction: 'writeoff_refresh_preview',
    /** The requester's own buttons (views/request-owner-actions.ts). */
    cancelAction: 'writeoff_cancel',
    resubmitAction: 'writeoff_resubmit',
    ownerBlockPrefix: 'owner',
    decideBlockPrefix: 'decide',
    summaryBlockPrefix: 'summary',
    statusBlockPrefix: 'status',
    noteBlockPrefix: 'note',
    reasonFieldsBlockPrefix: 'reason_fields',
    controlsBlockPrefix: 'controls',
    rejectModal: 'writeoff_reject_modal',
    reverseModal: 'writeoff_reverse_modal',
    reasonBlock: 'reason',
    reasonInput: 'reason_input',
  },
  /** Split detection's acknowledgement in the decision reply (docs/write-off-rules.md). */
  split: {
    ackBlockPrefix: 'split_ack',
    ackAction: 'writeoff_split_ack',
    ackValue: 'seen',
  },
  /** Recovery after a payment on a written-off invoice (docs/write-off-rules.md#recovery). */
  recovery: {
    approveAction: 'writeoff_recovery_approve',
    rejectAction: 'writeoff_recovery_reject',
    rejectModal: 'writeoff_recovery_reject_modal',
    actionsBlockPrefix: 'recovery',
  },
  /** An approver's delegate while away (docs/write-off-rules.md#delegation). */
  delegate: {
    openAction: 'writeoff_delegate_open',
    openBlock: 'delegate_open',
    modal: 'writeoff_delegate_modal',
    approverBlock: 'delegate_approver',
    approverInput: 'delegate_approver_select',
    delegateBlock: 'delegate_delegate',
    delegateInput: 'delegate_delegate_select',
    fromBlock: 'delegate_from',
    fromInput: 'delegate_from_date',
    untilBlock: 'delegate_until',
    untilInput: 'delegate_until_date',
  },
  home: {
    newWriteOffAction: 'home_new_write_off',
    headerBlock: 'home_header',
    newBlock: 'home_new',
    mineBlock: 'home_mine',
    /** `home_mine:<requestId>`: one of the viewer's own requests. */
    mineItemBlockPrefix: 'home_mine',
    awaitingBlock: 'home_awaiting',
    digestBlock: 'home_digest',
    digestScheduleBlock: 'home_digest_schedule',
    digestWeekdayAction: 'home_digest_weekday',
    digestHourAction: 'home_digest_hour',
    digestTimezoneAction: 'home_digest_timezone',
    failedBlock: 'home_failed_notifications',
  },
  roles: {
    modal: 'writeoff_roles_modal',
    listingBlock: 'roles_listing',
    userBlock: 'roles_user',
    userInput: 'roles_user_select',
    changeBlock: 'roles_change',
    changeInput: 'roles_change_select',
    roleBlock: 'roles_role',
    roleInput: 'roles_role_select',
    limitBlock: 'roles_limit',
    limitInput: 'roles_limit_input',
  },
} as const;

/** The manual write-off modal: one modal whose steps are swapped in place (ADR 040). */
export const manualIds = {
  loadingCallback: 'wo_manual_loading',
  formCallback: 'wo_manual_form',
  invoicesCallback: 'wo_manual_invoices',
  previewCallback: 'wo_manual_preview',
  messageCallback: 'wo_manual_message',
  customerBlock: 'wo_customer',
  customerAction: 'wo_customer_select',
  periodBlock: 'wo_period',
  periodAction: 'wo_period_select',
  dateBlock: 'wo_date',
  dateAction: 'wo_date_pick',
  methodBlock: 'wo_method',
  methodAction: 'wo_method_radio',
  modeBlock: 'wo_mode',
  modeAction: 'wo_mode_radio',
  summaryBlock: 'wo_summary',
  accountBlock: 'wo_account',
  accountAction: 'wo_account_select',
  commentBlock: 'wo_comment',
  commentAction: 'wo_comment_input',
  selectAllBlock: 'wo_select_all',
  selectAllAction: 'wo_select_all_toggle',
  totalBlock: 'wo_total',
  pagerBlock: 'wo_pager',
  pageInfoBlock: 'wo_page_info',
  prevPageAction: 'wo_page_prev',
  nextPageAction: 'wo_page_next',
  jumpPageAction: 'wo_page_jump',
  backToFormAction: 'wo_back_to_form',
  backToInvoicesAction: 'wo_back_to_invoices',
  /** Per-invoice row inputs; their block ids come from `invoiceRowBlockId`. */
  rowSelectAction: 'wo_row_select',
  rowAmountAction: 'wo_row_amount',
  rowAccountAction: 'wo_row_account',
  rowCommentAction: 'wo_row_comment',
  errorsBlock: 'wo_errors',
  heldBlock: 'wo_held',
  voidNoteBlock: 'wo_void_note',
  footerBlock: 'wo_footer',
  journalBlock: 'wo_journal',
  itemsBlock: 'wo_items',
  factsBlock: 'wo_facts',
  messageBlock: 'wo_message',
} as const;

/** The reason select and evidence input of the manual preview and automatic-criteria steps. */
export const reasonIds = {
  reasonBlock: 'wo_reason',
  reasonAction: 'wo_reason_select',
  evidenceBlock: 'wo_evidence',
  evidenceAction: 'wo_evidence_input',
} as const;

/** The automatic-criteria steps of the same modal (docs/automatic-write-offs.md). */
export const autoIds = {
  criteriaCallback: 'wo_auto_criteria',
  progressCallback: 'wo_auto_progress',
  previewCallback: 'wo_auto_preview',
  typeBlock: 'wo_auto_type',
  typeAction: 'wo_auto_type_radio',
  valueBlock: 'wo_auto_value',
  valueAction: 'wo_auto_value_input',
  fcBlock: 'wo_auto_fc',
  fcAction: 'wo_auto_fc_options',
  olderThanBlock: 'wo_auto_older',
  olderThanAction: 'wo_auto_older_input',
  startBlock: 'wo_auto_start',
  startAction: 'wo_auto_start_pick',
  customerFromBlock: 'wo_auto_cust_from',
  customerFromAction: 'wo_auto_cust_from_select',
  customerToBlock: 'wo_auto_cust_to',
  customerToAction: 'wo_auto_cust_to_select',
  invoiceFromBlock: 'wo_auto_inv_from',
  invoiceFromAction: 'wo_auto_inv_from_select',
  invoiceToBlock: 'wo_auto_inv_to',
  invoiceToAction: 'wo_auto_inv_to_select',
  periodBlock: 'wo_auto_period',
  periodAction: 'wo_auto_period_select',
  dateBlock: 'wo_auto_date',
  dateAction: 'wo_auto_date_pick',
  accountBlock: 'wo_auto_account',
  accountAction: 'wo_auto_account_select',
  commentBlock: 'wo_auto_comment',
  commentAction: 'wo_auto_comment_input',
  summaryBlock: 'wo_auto_summary',
  journalBlock: 'wo_auto_journal',
  largestBlock: 'wo_auto_largest',
  skippedBlock: 'wo_auto_skipped',
  noticeBlock: 'wo_auto_notice',
  messageBlock: 'wo_auto_message',
} as const;

/** The inputs an invoice row can have (Line item rows use all four). */
export type InvoiceRowField = 'select' | 'amount' | 'account' | 'comment';

/**
 * `wo_row|<rev>|<field>|<invoice>`. The draft revision is part of the id so a re-rendered row
 * (after select all, or paging back) shows the draft's values instead of Slack's kept input.
 */
export function invoiceRowBlockId(rev: number, field: InvoiceRowField, invoice: string): string {
  return `wo_row|${rev}|${field}|${invoice}`;
}

export function parseInvoiceRowBlockId(
  blockId: string,
): { rev: number; field: InvoiceRowField; invoice: string } | null {
  const match = /^wo_row\|(\d+)\|(select|amount|account|comment)\|(.+)$/.exec(blockId);
  if (match === null) return null;
  const [, rev, field, invoice] = match;
  return { rev: Number(rev), field: field as InvoiceRowField, invoice: invoice ?? '' };
}
