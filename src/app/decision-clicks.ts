// The decisions taken in Slack (Approve, Reject, Reverse, Cancel), each answering one interaction in one
// transaction: the decision use-case itself (nested, so its own all-or-nothing rule holds), the
// request's currency to word a refusal, and the clicker's App Home when the click came from
// there. What the decision queued is delivered afterwards through the notifications port.

import type { AppError } from '../domain/request-errors.ts';
import { approveRequest } from './approve-request.ts';
import { cancelRequest, rejectRequest } from './decide-request.ts';
import { canReject, canReverse } from './decision-precheck.ts';
import type { AppDeps, SlackRef } from './deps.ts';
import { type HomeData, type HomeQuery, loadHome } from './home-overview.ts';
import { getRequestView, type RequestView } from './request-views.ts';
import { reverseRequest } from './reverse-request.ts';
import { inOneTransaction } from './use-case-tx.ts';

export interface DecisionOutcome {
  /** Null when the decision was taken; otherwise why nothing changed. */
  readonly refused: AppError | null;
  /** The request's currency, for wording a refusal. */
  readonly currency: string;
  /** The clicker's App Home after the decision, when the click came from there. */
  readonly home: HomeData | null;
}

interface DecisionBase {
  readonly requestId: string;
  readonly slack?: SlackRef;
  /** Set when the click came from App Home: the tab is published again. */
  readonly home: HomeQuery | null;
}

export function approveFromSlack(
  deps: AppDeps,
  input: DecisionBase & { readonly approver: string; readonly acknowledgedRelated: boolean },
): DecisionOutcome {
  return inOneTransaction(deps, () => {
    const result = approveRequest(deps, {
      requestId: input.requestId,
      approver: input.approver,
      acknowledgedRelated: input.acknowledgedRelated,
      ...(input.slack === undefined ? {} : { slack: input.slack }),
    });
    return outcome(deps, input, result.ok ? null : result.error);
  });
}

/** "Cancel request" by the requester (or an admin) on their DM or App Home. */
export function cancelFromSlack(
  deps: AppDeps,
  input: DecisionBase & { readonly by: string },
): DecisionOutcome {
  return inOneTransaction(deps, () => {
    const result = cancelRequest(deps, {
      requestId: input.requestId,
      by: input.by,
      ...(input.slack === undefined ? {} : { slack: input.slack }),
    });
    return outcome(deps, input, result.ok ? null : result.error);
  });
}

export type ReasonAction = 'reject' | 'reverse';

export function decideWithReason(
  deps: AppDeps,
  input: DecisionBase & {
    readonly action: ReasonAction;
    readonly by: string;
    readonly reason: string;
  },
): DecisionOutcome {
  return inOneTransaction(deps, () => {
    const decide = input.action === 'reject' ? rejectRequest : reverseRequest;
    const result = decide(deps, {
      requestId: input.requestId,
      by: input.by,
      reason: input.reason,
      ...(input.slack === undefined ? {} : { slack: input.slack }),
    });
    return outcome(deps, input, result.ok ? null : result.error);
  });
}

function outcome(deps: AppDeps, input: DecisionBase, refused: AppError | null): DecisionOutcome {
  return {
    refused,
    currency: refused === null ? '' : currencyOf(deps, input.requestId),
    home: input.home === null ? null : loadHome(deps, input.home),
  };
}

function currencyOf(deps: AppDeps, requestId: string): string {
  return getRequestView(deps, requestId)?.currency ?? 'USD';
}

/** Whether a reason modal may open for this click (Reject, Reverse), and what it shows. */
export type ReasonModalOutcome =
  | { readonly kind: 'open'; readonly request: RequestView }
  | { readonly kind: 'refused'; readonly error: AppError; readonly currency: string }
  /** Nothing refused, but there is nothing to open (no request). */
  | { readonly kind: 'unavailable' };

/**
 * Read-only checks before the modal opens, so a clicker who may not decide is told at once
 * instead of after typing a reason; the decision checks again inside its transaction.
 */
export function reasonModalFor(
  deps: AppDeps,
  input: { readonly action: ReasonAction; readonly requestId: string; readonly userId: string },
): ReasonModalOutcome {
  return inOneTransaction(
    deps,
    () => {
      const precheck = input.action === 'reject' ? canReject : canReverse;
      const refused = precheck(deps, input.requestId, input.userId);
      const request = getRequestView(deps, input.requestId);
      if (refused !== undefined) {
        return { kind: 'refused', error: refused, currency: request?.currency ?? 'USD' };
      }
      return request === null ? { kind: 'unavailable' } : { kind: 'open', request };
    },
    'deferred',
  );
}
