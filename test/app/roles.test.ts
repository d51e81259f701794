// Role management: admins (and system actors) grant, revoke and set limits; every change is
// audited; bootstrapAdmins only adds.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.ts';
import {
  bootstrapAdmins,
  grantRole,
  listRoles,
  revokeRole,
  setApproverLimit,
  userHasRole,
} from '../../src/app/roles.ts';
import { describeAppError } from '../../src/domain/request-errors.ts';
import { appDeps, unwrap, unwrapErr } from '../support/app.ts';
import { createTestStore, sqlAll } from '../support/backend.ts';

let deps: AppDeps;
beforeEach(() => {
  deps = appDeps(createTestStore());
});

const auditActions = () =>
  sqlAll(deps.store, 'SELECT actor, action, details_json FROM audit_log ORDER BY id');

describe('roles', () => {
  it('bootstraps admins once, audited, skipping blanks', () => {
    expect(bootstrapAdmins(deps, ['U1', 'U2', ' '])).toEqual(['U1', 'U2']);
    expect(bootstrapAdmins(deps, ['U1', 'U3'])).toEqual(['U3']);
    expect(userHasRole(deps, 'U3', 'admin')).toBe(true);
    expect(auditActions()).toHaveLength(3);
  });

  it('only admins and system actors change roles', () => {
    bootstrapAdmins(deps, ['U_ADMIN']);
    const refused = unwrapErr(grantRole(deps, { by: 'U_X', userId: 'U_Y', role: 'approver' }));
    expect(describeAppError(refused, 'USD')).toBe(
      'U_X is not allowed to manage roles (admins only).',
    );
    expect(unwrap(grantRole(deps, { by: 'U_ADMIN', userId: 'U_Y', role: 'approver' }))).toEqual({
      changed: true,
    });
    expect(unwrap(grantRole(deps, { by: 'U_ADMIN', userId: 'U_Y', role: 'approver' }))).toEqual({
      changed: false,
    });
    expect(unwrap(revokeRole(deps, { by: 'system:cli', userId: 'U_Y', role: 'approver' }))).toEqual(
      {
        changed: true,
      },
    );
    expect(userHasRole(deps, 'U_Y', 'approver')).toBe(false);
    expect(auditActions().map((r) => (r as { action: string }).action)).toEqual([
      'role_granted',
      'role_granted',
      'role_revoked',
    ]);
  });

  it('names a bad role, user, currency or amount', () => {
    const by = 'system:cli';
    expect(unwrapErr(grantRole(deps, { by, userId: 'U1', role: 'boss' }))).toEqual({
      kind: 'invalid_input',
      field: 'role',
      message: '"boss" is not one of clerk, approver, manager, admin',
    });
    expect(unwrapErr(grantRole(deps, { by, userId: '', role: 'clerk' })).kind).toBe(
      'invalid_input',
    );
    const cases = [
      ['usd', '10', 'currency'],
      ['USD', '10.001', 'amount'],
      ['USD', '-5', 'amount'],
      ['JPY', '10.5', 'amount'],
    ] as const;
    for (const [currency, amount, field] of cases) {
      const error = unwrapErr(setApproverLimit(deps, { by, userId: 'U1', currency, amount }));
      expect(error).toMatchObject({ kind: 'invalid_input', field });
    }
    expect(listRoles(deps)).toEqual({ grants: [], limits: [] });
  });

  it('sets limits in minor units of the currency and lists them', () => {
    const by = 'system:cli';
    unwrap(grantRole(deps, { by, userId: 'U1', role: 'approver' }));
    unwrap(setApproverLimit(deps, { by, userId: 'U1', currency: 'USD', amount: '5000.00' }));
    unwrap(setApproverLimit(deps, { by, userId: 'U1', currency: 'JPY', amount: '700000' }));
    unwrap(setApproverLimit(deps, { by, userId: 'U1', currency: 'USD', amount: '2500.50' }));
    expect(listRoles(deps)).toEqual({
      grants: [{ userId: 'U1', role: 'approver' }],
      limits: [
        { userId: 'U1', currency: 'JPY', limitMinor: 700000 },
        { userId: 'U1', currency: 'USD', limitMinor: 250050 },
      ],
    });
  });
});
