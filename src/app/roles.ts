// Role management: grant / revoke roles, set approver limits, list them, and
// bootstrap admins from configuration. Every change is audited. A Slack user must be an admin
// to manage roles; `system:*` actors (the CLI, the composition root) are operators with
// database access and are trusted (ADR 033).
import { appendAudit } from '../db/repos/audit.ts';
import {
  type ApproverLimit,
  deleteRole,
  hasRole,
  insertRole,
  listApproverLimits,
  listRoleGrants,
  type RoleGrant,
  type UserRole,
  upsertApproverLimit,
} from '../db/repos/roles.ts';
import { USER_ROLES } from '../db/schema.ts';
import type { Tx } from '../db/store.ts';
import { describeAmountError, isCurrencyCode, parseAmount } from '../domain/money.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { inTransaction } from './use-case-tx.ts';

export type { UserRole } from '../db/repos/roles.ts';
export { USER_ROLES } from '../db/schema.ts';

export interface RoleChange {
  readonly by: string;
  readonly userId: string;
  readonly role: string;
}

export interface LimitChange {
  readonly by: string;
  readonly userId: string;
  readonly currency: string;
  /** Decimal text in the currency, e.g. `5000.00`. */
  readonly amount: string;
}

function authorize(tx: Tx, by: string): AppError | undefined {
  if (by.startsWith('system:') || hasRole(tx, by, 'admin')) return undefined;
  return { kind: 'not_allowed', userId: by, action: 'manage roles (admins only)' };
}

function parseRole(role: string): Result<UserRole, AppError> {
  return (USER_ROLES as readonly string[]).includes(role)
    ? ok(role as UserRole)
    : err({
        kind: 'invalid_input',
        field: 'role',
        message: `"${role}" is not one of ${USER_ROLES.join(', ')}`,
      });
}

function parseUser(userId: string): AppError | undefined {
  return userId.trim() === '' || /\s/.test(userId)
    ? { kind: 'invalid_input', field: 'user', message: `"${userId}" is not a user id` }
    : undefined;
}

/** Returns whether anything changed (granting a held role is a no-op, not an error). */
export function grantRole(
  deps: AppDeps,
  input: RoleChange,
): Result<{ changed: boolean }, AppError> {
  return changeRole(deps, input, 'role_granted', insertRole);
}

export function revokeRole(
  deps: AppDeps,
  input: RoleChange,
): Result<{ changed: boolean }, AppError> {
  return changeRole(deps, input, 'role_revoked', deleteRole);
}

function changeRole(
  deps: AppDeps,
  input: RoleChange,
  action: string,
  write: (tx: Tx, userId: string, role: UserRole) => boolean,
): Result<{ changed: boolean }, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const role = parseRole(input.role);
    if (!role.ok) return role;
    const problem = parseUser(input.userId) ?? authorize(tx, input.by);
    if (problem !== undefined) return err(problem);
    const changed = write(tx, input.userId, role.value);
    if (changed) {
      appendAudit(tx, {
        atMs: nowMs,
        actor: input.by,
        action,
        details: { userId: input.userId, role: role.value },
      });
    }
    return ok({ changed });
  });
}

export function setApproverLimit(
  deps: AppDeps,
  input: LimitChange,
): Result<ApproverLimit, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const problem = parseUser(input.userId) ?? authorize(tx, input.by);
    if (problem !== undefined) return err(problem);
    if (!isCurrencyCode(input.currency)) {
      return err({
        kind: 'invalid_input',
        field: 'currency',
        message: `"${input.currency}" is not an ISO 4217 currency code (such as USD, EUR, GBP)`,
      });
    }
    const parsed = parseAmount(input.amount, input.currency);
    if (!parsed.ok) {
      return err({
        kind: 'invalid_input',
        field: 'amount',
        message: describeAmountError(parsed.error),
      });
    }
    if (parsed.value < 0) {
      return err({
        kind: 'invalid_input',
        field: 'amount',
        message: `"${input.amount}" must not be negative`,
      });
    }
    const limit = { userId: input.userId, currency: input.currency, limitMinor: parsed.value };
    upsertApproverLimit(tx, limit);
    appendAudit(tx, {
      atMs: nowMs,
      actor: input.by,
      action: 'approver_limit_set',
      details: { ...limit },
    });
    return ok(limit);
  });
}

export interface RolesListing {
  readonly grants: readonly RoleGrant[];
  readonly limits: readonly ApproverLimit[];
}

export function listRoles(deps: AppDeps): RolesListing {
  return deps.store.read((tx) => ({ grants: listRoleGrants(tx), limits: listApproverLimits(tx) }));
}

export function userHasRole(deps: AppDeps, userId: string, role: UserRole): boolean {
  return deps.store.read((tx) => hasRole(tx, userId, role));
}

/** Grants `admin` to each id that lacks it (WRITEOFF_ADMINS at start-up); returns those added. */
export function bootstrapAdmins(deps: AppDeps, userIds: readonly string[]): string[] {
  const result = inTransaction(deps, (tx, nowMs) => {
    const added: string[] = [];
    for (const userId of userIds) {
      if (parseUser(userId) !== undefined || !insertRole(tx, userId, 'admin')) continue;
      appendAudit(tx, {
        atMs: nowMs,
        actor: 'system:bootstrap',
        action: 'role_granted',
        details: { userId, role: 'admin' },
      });
      added.push(userId);
    }
    return ok(added);
  });
  return result.ok ? result.value : [];
}
