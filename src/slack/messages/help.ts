// Pure builders for the `/writeoff` help and unknown-sub-command replies (ephemeral).

import type { KnownBlock } from '../blocks.ts';
import { context, escapeMrkdwn, header, mentionChannel, section, truncate } from '../blocks.ts';
import { ids, SLASH_COMMAND, SUBCOMMANDS } from '../ids.ts';

export interface EphemeralReply {
  readonly response_type: 'ephemeral';
  readonly text: string;
  readonly blocks: KnownBlock[];
}

export interface HelpModel {
  readonly approvalsChannel: string;
}

export function helpMessage(model: HelpModel): EphemeralReply {
  const channel = mentionChannel(model.approvalsChannel);
  return {
    response_type: 'ephemeral',
    text: `${SLASH_COMMAND}: write off uncollectible receivables, approved by a second person in ${channel}.`,
    blocks: [
      header('Write-offs', ids.help.headerBlock),
      section(
        [
          `\`${SLASH_COMMAND}\` — start a write-off: pick a customer, a fiscal period and invoices (or automatic criteria), check the preview and the journal entry, then submit it for approval.`,
          `\`${SLASH_COMMAND} ${SUBCOMMANDS.roles}\` — (admins) grant or revoke roles and set approver limits.`,
          `\`${SLASH_COMMAND} ${SUBCOMMANDS.digest} on|off\` — (managers) a weekly digest of write-offs by DM; pick its day and hour in the Home tab.`,
          `\`${SLASH_COMMAND} ${SUBCOMMANDS.help}\` — show this message.`,
        ].join('\n'),
        ids.help.usageBlock,
      ),
      section(
        `Every request is approved in its thread in ${channel} by someone other than the requester; only then is it posted.`,
        ids.help.approvalsBlock,
      ),
      context(
        [
          'A write-off is for a valid invoice that will not be collected. To cancel an *invalid* invoice, void it in your ERP instead.',
        ],
        ids.help.voidNoteBlock,
      ),
    ],
  };
}

/** Slash-command text is user input: keep it short and inert in the echo. */
export function unknownSubcommandMessage(word: string): EphemeralReply {
  const shown = escapeMrkdwn(truncate(word, 40)).replaceAll('`', "'");
  const text = `I don't know \`${SLASH_COMMAND} ${shown}\`. Try \`${SLASH_COMMAND} ${SUBCOMMANDS.help}\` to see what I can do.`;
  return {
    response_type: 'ephemeral',
    text,
    blocks: [section(text, ids.unknownCommand.messageBlock)],
  };
}
