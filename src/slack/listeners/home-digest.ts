// App Home: a manager picks the day and the hour of the weekly digest; the tab is published
// again with the new choice.
import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import { setDigestSchedule } from '../../app/digest-subscriptions.ts';
import type { SlackDeps } from '../deps.ts';
import { publishHome } from '../flows/home-publish.ts';
import { ids } from '../ids.ts';

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
}
