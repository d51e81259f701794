// App Home: published when the user opens the tab (flows/home-publish.ts).
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { publishHome } from '../flows/home-publish.ts';

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(client, deps, event.user);
  });
}
