// Approver delegations (docs/decisions/226-delegation.md): who stands in for whom between two
// company-calendar dates. Rows are ended, never deleted. No rules here.
import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';
import { approverDelegations } from './schema.ts';

export type DelegationRow = typeof approverDelegations.$inferSelect;

export function insertDelegation(
  tx: Tx,
  row: Omit<typeof approverDelegations.$inferInsert, 'id' | 'endedAtMs'>,
): number {
  return Number(sessionOf(tx).insert(approverDelegations).values(row).run().lastInsertRowid);
}

/** Ends every open delegation of `approver`; returns how many. */
export function endDelegationsOf(tx: Tx, approver: string, nowMs: number): number {
  return sessionOf(tx)
    .update(approverDelegations)
    .set({ endedAtMs: nowMs })
    .where(and(eq(approverDelegations.approver, approver), isNull(approverDelegations.endedAtMs)))
    .run().changes;
}

const activeOn = (today: string) =>
  and(
    isNull(approverDelegations.endedAtMs),
    lte(approverDelegations.fromOn, today),
    gte(approverDelegations.untilOn, today),
  );

/** Delegations in force on `today` naming `delegate`, by approver. */
export function listActiveForDelegate(tx: Tx, delegate: string, today: string): DelegationRow[] {
  return sessionOf(tx)
    .select()
    .from(approverDelegations)
    .where(and(eq(approverDelegations.delegate, delegate), activeOn(today)))
    .orderBy(asc(approverDelegations.approver))
    .all();
}

/** Every delegation in force on `today`. */
export function listActiveDelegations(tx: Tx, today: string): DelegationRow[] {
  return sessionOf(tx)
    .select()
    .from(approverDelegations)
    .where(activeOn(today))
    .orderBy(asc(approverDelegations.approver), asc(approverDelegations.id))
    .all();
}

/** Open delegations (not ended), newest first, for listings. */
export function listOpenDelegations(tx: Tx): DelegationRow[] {
  return sessionOf(tx)
    .select()
    .from(approverDelegations)
    .where(isNull(approverDelegations.endedAtMs))
    .orderBy(asc(approverDelegations.approver), asc(approverDelegations.fromOn))
    .all();
}
