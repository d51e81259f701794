// App Home's content for one user, from what the use-case read (app/home-overview.ts):
// published when the tab opens (listeners/home.ts) and again after they decide on a request
// from it, so the lists never offer a button for something already decided.
import type { webApi } from '@slack/bolt';
import type { HomeData, HomeQuery } from '../../app/home-overview.ts';
import type { SlackDeps } from '../deps.ts';
import { requestCard } from '../views/approval-card.ts';
import { HOME_AWAITING_MAX, HOME_MINE_MAX, type HomeModel, homeView } from '../views/home.ts';

/** What to read for `userId`'s tab. */
export function homeQuery(deps: SlackDeps, userId: string): HomeQuery {
  return { userId, admins: deps.admins, awaitingMax: HOME_AWAITING_MAX, mineMax: HOME_MINE_MAX };
}

export function homeModel(data: HomeData): HomeModel {
  return {
    awaiting: data.awaiting.map(requestCard),
    mine: data.mine.map(requestCard),
    moreAwaiting: data.moreAwaiting,
    digest: data.digest,
    failedNotifications: data.failedNotifications,
    canDelegate: data.canDelegate,
  };
}

export async function publishHome(
  client: webApi.WebClient,
  userId: string,
  data: HomeData,
): Promise<void> {
  await client.views.publish({ user_id: userId, view: homeView(homeModel(data)) });
}
