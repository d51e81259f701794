// `/writeoff digest on|off` (managers): switch the weekly digest on or off. The time zone comes
// from the user's Slack profile (users.info) unless they chose one; without it the company's.
// `/writeoff digest now [YYYY-Www]`: the digest of the last complete week (or that week) at once.
// Anything else shows the state. One use-case each (app/digest-settings.ts).
import { type DigestCommand, digestCommand } from '../../app/digest-settings.ts';
import { describeAppError } from '../../domain/request-errors.ts';
import type { SlackDeps } from '../deps.ts';
import type { CommandArgs, SubcommandHandler } from '../flows/command.ts';
import { SLASH_COMMAND, SUBCOMMANDS } from '../ids.ts';
import { hourLabel, WEEKDAYS } from '../views/home-digest.ts';

const usage = `Use \`${SLASH_COMMAND} ${SUBCOMMANDS.digest} on\` or \`${SLASH_COMMAND} ${SUBCOMMANDS.digest} off\`; \`${SLASH_COMMAND} ${SUBCOMMANDS.digest} now\` sends last week's digest at once.`;

function parseDigestCommand(rest: string): DigestCommand {
  const [word = '', week] = rest.trim().toLowerCase().split(/\s+/);
  if (word === 'now')
    return { kind: 'now', ...(week !== undefined && { week: week.toUpperCase() }) };
  if (word === 'on' || word === 'off') return { kind: 'switch', on: word === 'on' };
  return { kind: 'state' };
}

export function digestSubcommand(deps: SlackDeps): SubcommandHandler {
  return async (args: CommandArgs, rest: string) => {
    const userId = args.body.user_id;
    const command = parseDigestCommand(rest);
    const wantsZone = command.kind === 'now' || (command.kind === 'switch' && command.on);
    const profileTimezone = wantsZone ? await profileZone(args, userId) : undefined;
    const outcome = digestCommand(deps, {
      userId,
      command,
      ...(profileTimezone !== undefined && { profileTimezone }),
    });
    const say = (text: string) => args.ack({ response_type: 'ephemeral', text });
    if (outcome.kind === 'state') {
      const sub = outcome.subscription;
      const state =
        sub?.active === true
          ? `Your weekly digest is on: ${WEEKDAYS[sub.weekday - 1]}s at ${hourLabel(sub.hour)} (${sub.effectiveTimezone}).`
          : 'Your weekly digest is off.';
      await say(`${state} ${usage}`);
      return;
    }
    if (!outcome.result.ok) {
      await say(describeAppError(outcome.result.error, 'USD'));
      return;
    }
    if (outcome.kind === 'queued') {
      const { week, timezone } = outcome.result.value;
      await say(
        `Your write-off digest for ${week} (${timezone}) is on its way to your DMs with the bot.`,
      );
      // Queued (committed) before the ack; sending it is the digest job's, started at once here.
      void deps.digests?.deliverDue().catch((error: unknown) => {
        deps.logger.error('digest now: the pass failed; the next one sends it', error);
      });
      return;
    }
    const sub = outcome.result.value;
    await say(
      sub.active
        ? `Weekly digest on: ${WEEKDAYS[sub.weekday - 1]}s at ${hourLabel(sub.hour)} (${sub.effectiveTimezone}), about the week before. Pick another day or hour in the app's Home tab.`
        : 'Weekly digest off. Your day and hour are kept for when you switch it on again.',
    );
  };
}

// The profile's zone is a nicety: if Slack does not answer, the company's zone applies.
async function profileZone(args: CommandArgs, userId: string): Promise<string | undefined> {
  try {
    const info = await args.client.users.info({ user: userId });
    return info.user?.tz ?? undefined;
  } catch {
    return undefined;
  }
}
