// Who may do what: user roles and approver limits per currency. No rules here; the
// use-cases decide what a role allows.
import { and, asc, eq, gte } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';
import { approverLimits, type USER_ROLES, userRoles } from './schema.ts';

export type UserRole = (typeof USER_ROLES)[number];

export interface RoleGrant {
  readonly userId: string;
  readonly role: UserRole;
}

export interface ApproverLimit {
  readonly userId: string;
  readonly currency: string;
  readonly limitMinor: number;
}

/** True when the role was newly granted. */
export function insertRole(tx: Tx, userId: string, role: UserRole): boolean {
  return (
    sessionOf(tx).insert(userRoles).values({ userId, role }).onConflictDoNothing().run().changes ===
    1
  );
}

/** True when the role was held. */
export function deleteRole(tx: Tx, userId: string, role: UserRole): boolean {
  return (
    sessionOf(tx)
      .delete(userRoles)
      .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)))
      .run().changes === 1
  );
}

export function hasRole(tx: Tx, userId: string, role: UserRole): boolean {
  return (
    sessionOf(tx)
      .select()
      .from(userRoles)
      .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)))
      .get() !== undefined
  );
}

export function listRoleGrants(tx: Tx, userId?: string): RoleGrant[] {
  return sessionOf(tx)
    .select()
    .from(userRoles)
    .where(userId === undefined ? undefined : eq(userRoles.userId, userId))
    .orderBy(asc(userRoles.userId), asc(userRoles.role))
    .all();
}

export function upsertApproverLimit(tx: Tx, limit: ApproverLimit): void {
  sessionOf(tx)
    .insert(approverLimits)
    .values(limit)
    .onConflictDoUpdate({
      target: [approverLimits.userId, approverLimits.currency],
      set: { limitMinor: limit.limitMinor },
    })
    .run();
}

/** Null when the user has no limit in that currency. */
export function getApproverLimit(tx: Tx, userId: string, currency: string): number | null {
  const row = sessionOf(tx)
    .select({ limitMinor: approverLimits.limitMinor })
    .from(approverLimits)
    .where(and(eq(approverLimits.userId, userId), eq(approverLimits.currency, currency)))
    .get();
  return row?.limitMinor ?? null;
}

export function listApproverLimits(tx: Tx): ApproverLimit[] {
  return sessionOf(tx)
    .select()
    .from(approverLimits)
    .orderBy(asc(approverLimits.userId), asc(approverLimits.currency))
    .all();
}

/** Users holding the approver role whose limit in `currency` is at least `totalMinor`. */
export function listApproversCovering(tx: Tx, currency: string, totalMinor: number): string[] {
  return sessionOf(tx)
    .select({ userId: approverLimits.userId })
    .from(approverLimits)
    .innerJoin(
      userRoles,
      and(eq(userRoles.userId, approverLimits.userId), eq(userRoles.role, 'approver')),
    )
    .where(and(eq(approverLimits.currency, currency), gte(approverLimits.limitMinor, totalMinor)))
    .orderBy(asc(approverLimits.userId))
    .all()
    .map((r) => r.userId);
}
