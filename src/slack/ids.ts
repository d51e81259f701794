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
} as const;
