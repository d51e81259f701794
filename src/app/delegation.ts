// Delegation (docs/write-off-rules.md#delegation, docs/decisions/226-delegation.md): an approver
// away between two dates (company calendar, inclusive) names a delegate. While the delegation is
// in force the delegate may approve — within the delegate's OWN limit — and the approver's
// reminders and escalations go to the delegate. The audit names both.
import { appendAudit } from '../db/repos/audit.ts';
import {
  type DelegationRow,
  endDelegationsOf,
  insertDelegation,
  listActiveDelegations,
  listActiveForDelegate,
  listOpenDelegations,
} from '../db/repos/delegations.ts';
import { hasRole } from '../db/repos/roles.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import type { Tx } from '../db/store.ts';
import { isIsoDate } from '../domain/dates.ts';
import { err, ok, type Result } from '../domain/types.ts';
import type { AppDeps, AppError } from './deps.ts';
import { todayIn } from './today.ts';
import { inOneTransaction, inTransaction } from './use-case-tx.ts';

export type { DelegationRow } from '../db/repos/delegations.ts';

export interface DelegationInput {
  /** Who sets it: the approver themselves, an admin, or an operator (`system:*`). */
  readonly by: string;
  readonly approver: string;
  readonly delegate: string;
  /** ISO dates, inclusive. */
  readonly fromOn: string;
  readonly untilOn: string;
}

export type DelegationField = 'approver' | 'delegate' | 'from' | 'until';

const invalid = (field: DelegationField, message: string): AppError => ({
  kind: 'invalid_input',
  field,
  message,
});

/** Replaces the approver's open delegations with this one (one delegate at a time). */
export function setDelegation(
  deps: AppDeps,
  input: DelegationInput,
): Result<{ id: number; replaced: number }, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const problem = checkDelegation(tx, input);
    if (problem !== undefined) return err(problem);
    const replaced = endDelegationsOf(tx, input.approver, nowMs);
    const id = insertDelegation(tx, {
      approver: input.approver,
      delegate: input.delegate,
      fromOn: input.fromOn,
      untilOn: input.untilOn,
      createdBy: input.by,
      createdAtMs: nowMs,
    });
    appendAudit(tx, {
      atMs: nowMs,
      actor: input.by,
      action: 'delegation_set',
      details: {
        approver: input.approver,
        delegate: input.delegate,
        from: input.fromOn,
        until: input.untilOn,
        replaced,
      },
    });
    return ok({ id, replaced });
  });
}

/** Ends the approver's delegation early (they are back). */
export function endDelegation(
  deps: AppDeps,
  input: { readonly by: string; readonly approver: string },
): Result<{ ended: number }, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const refused = authorize(tx, input.by, input.approver);
    if (refused !== undefined) return err(refused);
    const ended = endDelegationsOf(tx, input.approver, nowMs);
    if (ended > 0) {
      appendAudit(tx, {
        atMs: nowMs,
        actor: input.by,
        action: 'delegation_ended',
        details: { approver: input.approver },
      });
    }
    return ok({ ended });
  });
}

function authorize(tx: Tx, by: string, approver: string): AppError | undefined {
  if (by === approver || by.startsWith('system:') || hasRole(tx, by, 'admin')) return undefined;
  return {
    kind: 'not_allowed',
    userId: by,
    action: `name a delegate for ${approver} (the approver or an admin may)`,
  };
}

function checkDelegation(tx: Tx, input: DelegationInput): AppError | undefined {
  if (!isIsoDate(input.fromOn))
    return invalid('from', `"${input.fromOn}" is not a date like 2026-07-01`);
  if (!isIsoDate(input.untilOn)) {
    return invalid('until', `"${input.untilOn}" is not a date like 2026-07-14`);
  }
  if (input.untilOn < input.fromOn) {
    return invalid('until', `${input.untilOn} is before the first day away, ${input.fromOn}`);
  }
  if (input.delegate === input.approver) {
    return invalid('delegate', 'an approver cannot be their own delegate');
  }
  if (input.delegate.trim() === '' || /\s/.test(input.delegate)) {
    return invalid('delegate', `"${input.delegate}" is not a user id`);
  }
  if (!hasRole(tx, input.approver, 'approver')) {
    return invalid('approver', `${input.approver} does not have the approver role`);
  }
  return authorize(tx, input.by, input.approver);
}

/** The company's today at `nowMs` (delegation dates are company-calendar dates). */
export function companyToday(tx: Tx, nowMs: number): string {
  return todayIn(getLedgerSettings(tx)?.timezone ?? 'UTC', new Date(nowMs));
}

/** The approvers `userId` stands in for today (empty when none). */
export function delegatorsOf(tx: Tx, userId: string, nowMs: number): string[] {
  return listActiveForDelegate(tx, userId, companyToday(tx, nowMs)).map((d) => d.approver);
}

/**
 * Who to tell instead of `users` today: an approver away is replaced by their delegate when
 * `canApprove(delegate)` (the delegate's own limit covers the request), else left out — the
 * delegate could not act on it, and the approver is away. Each person once, in order.
 */
export function routeToDelegates(
  tx: Tx,
  users: readonly string[],
  nowMs: number,
  canApprove: (userId: string) => boolean,
): string[] {
  const away = new Map(
    listActiveDelegations(tx, companyToday(tx, nowMs)).map((d) => [d.approver, d.delegate]),
  );
  const routed = users.flatMap((u) => {
    const delegate = away.get(u);
    if (delegate === undefined) return [u];
    return canApprove(delegate) ? [delegate] : [];
  });
  return [...new Set(routed)];
}

/** Open delegations (current and future), for `writeoff roles list` and the roles modal. */
export function listDelegations(deps: AppDeps): DelegationRow[] {
  return deps.store.read((tx) => listOpenDelegations(tx));
}

export interface DelegationOverview {
  readonly today: string;
  readonly current: readonly DelegationRow[];
}

/** What the delegation modal shows: company today and the open delegations. */
export function delegationOverview(deps: AppDeps): DelegationOverview {
  return deps.store.read((tx) => ({
    today: companyToday(tx, deps.now().getTime()),
    current: listOpenDelegations(tx),
  }));
}

/**
 * The delegation modal submitted: the change, and what the modal shows next, in one
 * transaction (the overview is read only when the change was made).
 */
export function setDelegationFromModal(
  deps: AppDeps,
  input: DelegationInput,
): Result<DelegationOverview, AppError> {
  return inOneTransaction(deps, () => {
    const result = setDelegation(deps, input);
    return result.ok ? ok(delegationOverview(deps)) : result;
  });
}
