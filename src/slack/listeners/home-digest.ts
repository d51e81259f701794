// App Home: a manager picks the day, the hour and the time zone of the weekly digest; the tab
// is published again with the new choice (one use-case: the change and the tab's content). The
// zone is an external select with type-ahead over every IANA zone (more than Slack's 100 static
// options), plus "my Slack profile's zone"; its options need no data.
import type { App, BlockAction, ExternalSelectAction, StaticSelectAction } from '@slack/bolt';
import { scheduleFromHome } from '../../app/digest-settings.ts';
import type { ScheduleInput } from '../../app/digest-subscriptions.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import { matchTimeZones } from '../../domain/time-zones.ts';
import type { SlackDeps } from '../deps.ts';
import { homeQuery, publishHome } from '../flows/home-publish.ts';
import { ids } from '../ids.ts';
import { PROFILE_ZONE_VALUE, timeZoneOptions } from '../views/home-digest.ts';

type WebClient = App['client'];

export function registerHomeDigest(app: App, deps: SlackDeps): void {
  for (const [actionId, field] of [
    [ids.home.digestWeekdayAction, 'weekday'],
    [ids.home.digestHourAction, 'hour'],
  ] as const) {
    app.action<BlockAction<StaticSelectAction>>(actionId, async ({ ack, action, body, client }) => {
      await ack();
      const value = Number(action.selected_option.value);
      await schedule(client, deps, { userId: body.user.id, [field]: value }, 'schedule');
    });
  }
  app.options<'block_suggestion'>(
    { action_id: ids.home.digestTimezoneAction },
    async ({ ack, options }) => {
      await ack({ options: timeZoneOptions(options.value, matchTimeZones) });
    },
  );
  app.action<BlockAction<ExternalSelectAction>>(
    ids.home.digestTimezoneAction,
    async ({ ack, action, body, client }) => {
      await ack();
      const value = action.selected_option?.value;
      if (value === undefined) return;
      // The profile's zone: an empty choice, so the zone from users.info applies again.
      const timezone = value === PROFILE_ZONE_VALUE ? '' : value;
      await schedule(client, deps, { userId: body.user.id, timezone }, 'zone');
    },
  );
}

/** The change and the tab's content in one use-case; a refusal changes nothing and is logged. */
async function schedule(
  client: WebClient,
  deps: SlackDeps,
  input: ScheduleInput,
  what: 'schedule' | 'zone',
): Promise<void> {
  const { userId } = input;
  const { result, home } = await whenUnlocked(() =>
    scheduleFromHome(deps, input, homeQuery(deps, userId)),
  );
  if (!result.ok) deps.logger.warn(`digest ${what} for ${userId}: ${result.error.kind}`);
  await publishHome(client, userId, home);
}
