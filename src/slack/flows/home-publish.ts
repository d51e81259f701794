// App Home's content for one user: published when the tab opens (listeners/home.ts) and again
// after they decide on a request from it, so the lists never offer a button for something
// already decided.
import type { webApi } from '@slack/bolt';
import { getDigestSubscription } from '../../app/digest-subscriptions.ts';
import { countFailedNotifications } from '../../app/notification-admin.ts';
import {
  getRequestView,
  listAwaitingApproval,
  listRequests,
  type RequestSummary,
} from '../../app/request-views.ts';
import { userHasRole } from '../../app/roles.ts';
import { isAdmin } from '../../app/roles-overview.ts';
import type { SlackDeps } from '../deps.ts';
import { type RequestCard, requestCard } from '../views/approval-card.ts';
import { HOME_AWAITING_MAX, HOME_MINE_MAX, type HomeModel, homeView } from '../views/home.ts';

export async function publishHome(
  client: webApi.WebClient,
  deps: SlackDeps,
  userId: string,
): Promise<void> {
  await client.views.publish({ user_id: userId, view: homeView(homeModel(deps, userId)) });
}

export function homeModel(deps: SlackDeps, userId: string): HomeModel {
  const awaiting = listAwaitingApproval(deps, userId, HOME_AWAITING_MAX + 1);
  const mine = listRequests(deps, { requester: userId, limit: HOME_MINE_MAX });
  return {
    awaiting: cards(deps, awaiting.slice(0, HOME_AWAITING_MAX)),
    mine: cards(deps, mine),
    moreAwaiting: awaiting.length > HOME_AWAITING_MAX,
    digest: getDigestSubscription(deps, userId),
    // Only admins can re-send them (`writeoff outbox`), so only admins are told.
    failedNotifications: isAdmin(deps, deps.admins, userId) ? countFailedNotifications(deps) : 0,
    canDelegate: userHasRole(deps, userId, 'approver'),
  };
}

function cards(deps: SlackDeps, summaries: readonly RequestSummary[]): RequestCard[] {
  return summaries.flatMap((s) => {
    const view = getRequestView(deps, s.id);
    return view === null ? [] : [requestCard(view)];
  });
}
