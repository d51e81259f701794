// One change from the roles modal: grant or revoke a role, optionally setting an
// approver limit. Everything is validated before anything is written, so a bad limit never
// leaves a half-made approver behind; the role use-cases audit each change.
import { getApproverLimit, listRoleGrants } from '../db/repos/roles.ts';
import { describeAmountError, parseAmount } from '../domain/money.ts';
import { describeAppError } from '../domain/request-errors.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { grantRole, revokeRole, setApproverLimit, USER_ROLES } from './roles.ts';
import { rolesOverview } from './roles-overview.ts';

export interface RoleChangeInput {
  readonly by: string;
  readonly userId: string;
  readonly change: string;
  readonly role: string;
  /** Decimal text in the ledger currency; empty for none. */
  readonly limit: string;
}

export type RoleChangeField = 'user' | 'change' | 'role' | 'limit';

export interface RoleChangeProblem {
  readonly field: RoleChangeField;
  readonly message: string;
}

export interface RoleChanged {
  readonly change: 'grant' | 'revoke';
  readonly userId: string;
  readonly role: string;
  /** False when the user already had (or lacked) the role. */
  readonly changed: boolean;
  readonly limitMinor: number | null;
  readonly currency: string;
}

export function applyRoleChange(
  deps: AppDeps,
  input: RoleChangeInput,
): Result<RoleChanged, RoleChangeProblem> {
  const { currency } = rolesOverview(deps);
  const checked = checkChange(deps, input, currency);
  if (!checked.ok) return checked;
  const { change, limitMinor } = checked.value;
  const apply = change === 'grant' ? grantRole : revokeRole;
  const result = apply(deps, { by: input.by, userId: input.userId, role: input.role });
  if (!result.ok) return err({ field: 'user', message: describeAppError(result.error, currency) });
  if (limitMinor !== null) {
    const limit = setApproverLimit(deps, {
      by: input.by,
      userId: input.userId,
      currency,
      amount: input.limit,
    });
    if (!limit.ok) return err({ field: 'limit', message: describeAppError(limit.error, currency) });
  }
  return ok({
    change,
    userId: input.userId,
    role: input.role,
    changed: result.value.changed,
    limitMinor,
    currency,
  });
}

function checkChange(
  deps: AppDeps,
  input: RoleChangeInput,
  currency: string,
): Result<{ change: 'grant' | 'revoke'; limitMinor: number | null }, RoleChangeProblem> {
  return deps.store.read((tx) => {
    if (input.userId === '') return err({ field: 'user', message: 'Pick a person.' });
    if (input.change !== 'grant' && input.change !== 'revoke') {
      return err({ field: 'change', message: 'Choose grant or revoke.' });
    }
    if (!(USER_ROLES as readonly string[]).includes(input.role)) {
      return err({ field: 'role', message: `Choose one of ${USER_ROLES.join(', ')}.` });
    }
    const limitMinor = parseLimit(input, currency);
    if (!limitMinor.ok) return limitMinor;
    if (
      input.change === 'grant' &&
      input.role === 'approver' &&
      limitMinor.value === null &&
      getApproverLimit(tx, input.userId, currency) === null
    ) {
      return err({
        field: 'limit',
        message: `Set a limit: an approver without a ${currency} limit cannot approve anything.`,
      });
    }
    if (input.change === 'revoke' && input.role === 'admin' && isLastAdmin(deps, input.userId)) {
      return err({
        field: 'role',
        message: 'This is the last admin; grant admin to someone else first.',
      });
    }
    return ok({ change: input.change, limitMinor: limitMinor.value });
  });
}

function parseLimit(
  input: RoleChangeInput,
  currency: string,
): Result<number | null, RoleChangeProblem> {
  if (input.limit === '') return ok(null);
  if (input.change !== 'grant' || input.role !== 'approver') {
    return err({
      field: 'limit',
      message: 'A limit applies only when granting the approver role; leave it empty.',
    });
  }
  const parsed = parseAmount(input.limit, currency);
  if (!parsed.ok) return err({ field: 'limit', message: describeAmountError(parsed.error) });
  if (parsed.value < 0) return err({ field: 'limit', message: 'A limit cannot be negative.' });
  return ok(parsed.value);
}

function isLastAdmin(deps: AppDeps, userId: string): boolean {
  return deps.store.read((tx) => {
    const admins = listRoleGrants(tx).filter((g) => g.role === 'admin');
    return admins.length === 1 && admins[0]?.userId === userId;
  });
}
