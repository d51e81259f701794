// Every Slack identifier the app owns: command names, HTTP paths, callback/action/block ids.
// Builders and listeners import the same constant, so a renamed id cannot leave a listener
// silently deaf. Nothing else in src/ may spell an id.

/** The one slash command (must match manifest.yml `features.slash_commands`). */
export const SLASH_COMMAND = '/writeoff';

/** Bolt's default receiver serves commands, interactivity, options and events on one path. */
export const EVENTS_PATH = '/slack/events';
/** Readiness probe: 200 once the database is open and migrated. */
export const HEALTHZ_PATH = '/healthz';

/** `/writeoff <sub-command>` words. The empty string is a bare `/writeoff`. */
export const SUBCOMMANDS = {
  help: 'help',
  roles: 'roles',
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
  // Second-person approval (issue 6). Per-request block ids are `<prefix>:<requestId>` so a
  // Home tab listing several requests keeps every block id unique.
  approval: {
    approveAction: 'writeoff_approve',
    rejectAction: 'writeoff_reject',
    reverseAction: 'writeoff_reverse',
    refreshPreviewAction: 'writeoff_refresh_preview',
    decideBlockPrefix: 'decide',
    summaryBlockPrefix: 'summary',
    statusBlockPrefix: 'status',
    noteBlockPrefix: 'note',
    rejectModal: 'writeoff_reject_modal',
    reverseModal: 'writeoff_reverse_modal',
    reasonBlock: 'reason',
    reasonInput: 'reason_input',
  },
  home: {
    newWriteOffAction: 'home_new_write_off',
    headerBlock: 'home_header',
    newBlock: 'home_new',
    mineBlock: 'home_mine',
    awaitingBlock: 'home_awaiting',
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
