// `/writeoff [sub-command]`. Sub-commands are a table so later features add a row, not a branch;
// each row is its own listener module (listeners/index.ts wires the table), and `help` is here.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import type { SubcommandHandler } from '../flows/command.ts';
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

export function registerWriteoffCommand(
  app: App,
  deps: SlackDeps,
  others: Readonly<Record<string, SubcommandHandler>>,
): void {
  const help: SubcommandHandler = async ({ ack }) => {
    await ack(helpMessage({ approvalsChannel: deps.approvalsChannel }));
  };
  const subcommands: Record<string, SubcommandHandler> = { ...others, [SUBCOMMANDS.help]: help };
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
