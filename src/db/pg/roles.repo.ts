// User roles and approver limits on PostgreSQL, the async twin of src/db/roles.repo.ts.
import { and, asc, eq, gte } from 'drizzle-orm';
import type { ApproverLimit, RoleGrant, UserRole } from '../roles.repo.ts';
import { approverLimits, userRoles } from './schema.ts';
import type { PgTx } from './types.ts';

export type { ApproverLimit, RoleGrant, UserRole };

/** True when the role was newly granted. */
export async function insertRole(tx: PgTx, userId: string, role: UserRole): Promise<boolean> {
  const rows = await tx
    .insert(userRoles)
    .values({ userId, role })
    .onConflictDoNothing()
    .returning({ userId: userRoles.userId });
  return rows.length === 1;
}

/** True when the role was held. */
export async function deleteRole(tx: PgTx, userId: string, role: UserRole): Promise<boolean> {
  const rows = await tx
    .delete(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)))
    .returning({ userId: userRoles.userId });
  return rows.length === 1;
}

export async function hasRole(tx: PgTx, userId: string, role: UserRole): Promise<boolean> {
  const rows = await tx
    .select()
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)));
  return rows.length > 0;
}

export async function listRoleGrants(tx: PgTx, userId?: string): Promise<RoleGrant[]> {
  return tx
    .select()
    .from(userRoles)
    .where(userId === undefined ? undefined : eq(userRoles.userId, userId))
    .orderBy(asc(userRoles.userId), asc(userRoles.role));
}

export async function upsertApproverLimit(tx: PgTx, limit: ApproverLimit): Promise<void> {
  await tx
    .insert(approverLimits)
    .values(limit)
    .onConflictDoUpdate({
      target: [approverLimits.userId, approverLimits.currency],
      set: { limitMinor: limit.limitMinor },
    });
}

/** Null when the user has no limit in that currency. */
export async function getApproverLimit(
  tx: PgTx,
  userId: string,
  currency: string,
): Promise<number | null> {
  const [row] = await tx
    .select({ limitMinor: approverLimits.limitMinor })
    .from(approverLimits)
    .where(and(eq(approverLimits.userId, userId), eq(approverLimits.currency, currency)));
  return row?.limitMinor ?? null;
}

export async function listApproverLimits(tx: PgTx): Promise<ApproverLimit[]> {
  return tx
    .select()
    .from(approverLimits)
    .orderBy(asc(approverLimits.userId), asc(approverLimits.currency));
}

/** Users holding the approver role whose limit in `currency` is at least `totalMinor`. */
export async function listApproversCovering(
  tx: PgTx,
  currency: string,
  totalMinor: number,
): Promise<string[]> {
  const rows = await tx
    .select({ userId: approverLimits.userId })
    .from(approverLimits)
    .innerJoin(
      userRoles,
      and(eq(userRoles.userId, approverLimits.userId), eq(userRoles.role, 'approver')),
    )
    .where(and(eq(approverLimits.currency, currency), gte(approverLimits.limitMinor, totalMinor)))
    .orderBy(asc(approverLimits.userId));
  return rows.map((r) => r.userId);
}
