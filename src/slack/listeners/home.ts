// App Home: published when the user opens the tab, from one read (app/home-overview.ts).
import type { App } from '@slack/bolt';
import { homeOverview } from '../../app/home-overview.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { homeQuery, publishHome } from '../flows/home-publish.ts';

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const data = await whenUnlocked(() => homeOverview(deps, homeQuery(deps, event.user)));
    await publishHome(client, event.user, data);
  });
}
