// App Home: a manager picks the day, the hour and the time zone of the weekly digest; the tab
// is published again with the new choice. The zone is an external select with type-ahead over
// every IANA zone (more than Slack's 100 static options), plus "my Slack profile's zone".
import type { App, BlockAction, ExternalSelectAction, StaticSelectAction } from '@slack/bolt';
import { setDigestSchedule } from '../../app/digest-subscriptions.ts';
import { matchTimeZones } from '../../domain/time-zones.ts';
import type { SlackDeps } from '../deps.ts';
import { publishHome } from '../flows/home-publish.ts';
import { ids } from '../ids.ts';
import { PROFILE_ZONE_VALUE, timeZoneOptions } from '../views/home-digest.ts';

export function registerHomeDigest(app: App, deps: SlackDeps): void {
  for (const [actionId, field] of [
    [ids.home.digestWeekdayAction, 'weekday'],
    [ids.home.digestHourAction, 'hour'],
  ] as const) {
    app.action<BlockAction<StaticSelectAction>>(actionId, async ({ ack, action, body, client }) => {
      await ack();
      const value = Number(action.selected_option.value);
      const result = setDigestSchedule(deps, { userId: body.user.id, [field]: value });
      if (!result.ok) deps.logger.warn(`digest schedule for ${body.user.id}: ${result.error.kind}`);
      await publishHome(client, deps, body.user.id);
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
      const result = setDigestSchedule(deps, { userId: body.user.id, timezone });
      if (!result.ok) deps.logger.warn(`digest zone for ${body.user.id}: ${result.error.kind}`);
      await publishHome(client, deps, body.user.id);
    },
  );
}
