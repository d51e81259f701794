// `/writeoff digest on|off` (managers): switch the weekly digest on or off. The time zone comes
// from the user's Slack profile (users.info) unless they chose one; without it the company's.
// `/writeoff digest now [YYYY-Www]`: the digest of the last complete week (or that week) at once.
import { describeAppError } from '../../app/deps.ts';
import { requestDigestNow } from '../../app/digest-now.ts';
import { getDigestSubscription, setDigestSubscription } from '../../app/digest-subscriptions.ts';
import type { SlackDeps } from '../deps.ts';
import { SLASH_COMMAND, SUBCOMMANDS } from '../ids.ts';
import { hourLabel, WEEKDAYS } from '../views/home-digest.ts';
import type { CommandArgs, SubcommandHandler } from './command.ts';

const usage = `Use \`${SLASH_COMMAND} ${SUBCOMMANDS.digest} on\` or \`${SLASH_COMMAND} ${SUBCOMMANDS.digest} off\`; \`${SLASH_COMMAND} ${SUBCOMMANDS.digest} now\` sends last week's digest at once.`;

export function digestSubcommand(deps: SlackDeps): SubcommandHandler {
  return async (args: CommandArgs, rest: string) => {
    const userId = args.body.user_id;
    const [word = '', week] = rest.trim().toLowerCase().split(/\s+/);
    if (word === 'now') {
      await digestNow(deps, args, userId, week?.toUpperCase());
      return;
    }
    if (word !== 'on' && word !== 'off') {
      const sub = getDigestSubscription(deps, userId);
      const state =
        sub?.active === true
          ? `Your weekly digest is on: ${WEEKDAYS[sub.weekday - 1]}s at ${hourLabel(sub.hour)} (${sub.effectiveTimezone}).`
          : 'Your weekly digest is off.';
      await args.ack({ response_type: 'ephemeral', text: `${state} ${usage}` });
      return;
    }
    const profileTimezone = word === 'on' ? await profileZone(args, userId) : undefined;
    const result = setDigestSubscription(deps, {
      userId,
      on: word === 'on',
      ...(profileTimezone !== undefined && { profileTimezone }),
    });
    if (!result.ok) {
      await args.ack({ response_type: 'ephemeral', text: describeAppError(result.error, 'USD') });
      return;
    }
    const sub = result.value;
    await args.ack({
      response_type: 'ephemeral',
      text: sub.active
        ? `Weekly digest on: ${WEEKDAYS[sub.weekday - 1]}s at ${hourLabel(sub.hour)} (${sub.effectiveTimezone}), about the week before. Pick another day or hour in the app's Home tab.`
        : 'Weekly digest off. Your day and hour are kept for when you switch it on again.',
    });
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

async function digestNow(
  deps: SlackDeps,
  args: CommandArgs,
  userId: string,
  week: string | undefined,
): Promise<void> {
  const profileTimezone = await profileZone(args, userId);
  const result = requestDigestNow(deps, {
    userId,
    ...(week !== undefined && { week }),
    ...(profileTimezone !== undefined && { profileTimezone }),
  });
  if (!result.ok) {
    await args.ack({ response_type: 'ephemeral', text: describeAppError(result.error, 'USD') });
    return;
  }
  const { week: queued, timezone } = result.value;
  await args.ack({
    response_type: 'ephemeral',
    text: `Your write-off digest for ${queued} (${timezone}) is on its way to your DMs with the bot.`,
  });
  // Queued (committed) before the ack; sending it is the digest job's, started at once here.
  void deps.digests?.deliverDue().catch((error: unknown) => {
    deps.logger.error('digest now: the pass failed; the next one sends it', error);
  });
}
