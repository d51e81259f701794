// What a `/writeoff` sub-command handler receives (listeners/writeoff-command.ts dispatches).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type SubcommandHandler = (args: CommandArgs, rest: string) => Promise<void>;
