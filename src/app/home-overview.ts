// What a user's App Home tab shows, read in one transaction: the requests awaiting their
// approval, their own requests, their weekly digest settings, and (admins only) how many
// Slack notifications gave up.
import type { AppDeps } from './deps.ts';
import { type DigestSubscription, getDigestSubscription } from './digest-subscriptions.ts';
import { countFailedNotifications } from './notification-admin.ts';
import {
  getRequestView,
  listAwaitingApproval,
  listRequests,
  type RequestSummary,
  type RequestView,
} from './request-views.ts';
import { userHasRole } from './roles.ts';
import { isAdmin } from './roles-overview.ts';
import { inOneTransaction } from './use-case-tx.ts';

export interface HomeQuery {
  readonly userId: string;
  /** WRITEOFF_ADMINS: admins by configuration. */
  readonly admins: readonly string[];
  /** How many of each list the tab shows. */
  readonly awaitingMax: number;
  readonly mineMax: number;
}

export interface HomeData {
  readonly awaiting: readonly RequestView[];
  /** More requests await than were listed. */
  readonly moreAwaiting: boolean;
  readonly mine: readonly RequestView[];
  readonly digest: DigestSubscription | null;
  /** Notifications that gave up; 0 for anyone but an admin (only admins can re-send them). */
  readonly failedNotifications: number;
  /** Approvers may name a delegate (docs/write-off-rules.md#delegation). */
  readonly canDelegate: boolean;
}

/** The tab's content, inside the caller's transaction. */
export function loadHome(deps: AppDeps, query: HomeQuery): HomeData {
  const { userId } = query;
  const awaiting = listAwaitingApproval(deps, userId, query.awaitingMax + 1);
  const mine = listRequests(deps, { requester: userId, limit: query.mineMax });
  return {
    awaiting: views(deps, awaiting.slice(0, query.awaitingMax)),
    moreAwaiting: awaiting.length > query.awaitingMax,
    mine: views(deps, mine),
    digest: getDigestSubscription(deps, userId),
    failedNotifications: isAdmin(deps, query.admins, userId) ? countFailedNotifications(deps) : 0,
    canDelegate: userHasRole(deps, userId, 'approver'),
  };
}

/** The tab opened: its content, in one transaction. */
export function homeOverview(deps: AppDeps, query: HomeQuery): HomeData {
  return inOneTransaction(deps, () => loadHome(deps, query), 'deferred');
}

function views(deps: AppDeps, summaries: readonly RequestSummary[]): RequestView[] {
  return summaries.flatMap((s) => {
    const view = getRequestView(deps, s.id);
    return view === null ? [] : [view];
  });
}
