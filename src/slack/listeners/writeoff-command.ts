// `/writeoff [sub-command]`. Sub-commands are a table so later features add a row, not a branch.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import type { SubcommandHandler } from '../flows/command.ts';
import { digestSubcommand } from '../flows/digest-command.ts';
import { openManualForm } from '../flows/manual-open.ts';
import { rolesSubcommand } from '../flows/roles-modal.ts';
import { SLASH_COMMAND, SUBCOMMANDS } from '../ids.ts';
import { helpMessage, unknownSubcommandMessage } from '../messages/help.ts';

/** Splits `help me` into `{ word: 'help', rest: 'me' }`; the word is case-insensitive. */
export function parseCommandText(text: string): { word: string; rest: string } {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const word = space === -1 ? trimmed : trimmed.slice(0, space);
  const rest = space === -1 ? '' : trimmed.slice(space + 1).trim();
  return { word: word.toLowerCase(), rest };
}

export function writeoffSubcommands(deps: SlackDeps): Record<string, SubcommandHandler> {
  const help: SubcommandHandler = async ({ ack }) => {
    await ack(helpMessage({ approvalsChannel: deps.approvalsChannel }));
  };
  // A bare `/writeoff` opens the write-off form.
  const open: SubcommandHandler = (args) => openManualForm(args, deps);
  return {
    '': open,
    [SUBCOMMANDS.help]: help,
    // Admins manage roles and approval limits (flows/roles-modal.ts, listeners/roles.ts).
    [SUBCOMMANDS.roles]: rolesSubcommand(deps),
    // Managers switch their weekly digest on and off (flows/digest-command.ts).
    [SUBCOMMANDS.digest]: digestSubcommand(deps),
  };
}

export function registerWriteoffCommand(app: App, deps: SlackDeps): void {
  const subcommands = writeoffSubcommands(deps);
  app.command(SLASH_COMMAND, async (args) => {
    const { word, rest } = parseCommandText(args.command.text);
    const handler = Object.hasOwn(subcommands, word) ? subcommands[word] : undefined;
    if (handler === undefined) {
      await args.ack(unknownSubcommandMessage(word));
      return;
    }
    await handler(args, rest);
  });
}
