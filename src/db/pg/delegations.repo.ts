// Approver delegations on PostgreSQL, the async twin of src/db/delegations.repo.ts: who stands
// in for whom between two company-calendar dates. Rows are ended, never deleted.
import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import { approverDelegations } from './schema.ts';
import type { PgTx } from './types.ts';

export type DelegationRow = typeof approverDelegations.$inferSelect;

export async function insertDelegation(
  tx: PgTx,
  row: Omit<typeof approverDelegations.$inferInsert, 'id' | 'endedAtMs'>,
): Promise<number> {
  const [inserted] = await tx
    .insert(approverDelegations)
    .values(row)
    .returning({ id: approverDelegations.id });
  if (inserted === undefined) throw new Error('delegations: the row was not inserted');
  return inserted.id;
}

/** Ends every open delegation of `approver`; returns how many. */
export async function endDelegationsOf(tx: PgTx, approver: string, nowMs: number): Promise<number> {
  const rows = await tx
    .update(approverDelegations)
    .set({ endedAtMs: nowMs })
    .where(and(eq(approverDelegations.approver, approver), isNull(approverDelegations.endedAtMs)))
    .returning({ id: approverDelegations.id });
  return rows.length;
}

const activeOn = (today: string) =>
  and(
    isNull(approverDelegations.endedAtMs),
    lte(approverDelegations.fromOn, today),
    gte(approverDelegations.untilOn, today),
  );

/** Delegations in force on `today` naming `delegate`, by approver. */
export async function listActiveForDelegate(
  tx: PgTx,
  delegate: string,
  today: string,
): Promise<DelegationRow[]> {
  return tx
    .select()
    .from(approverDelegations)
    .where(and(eq(approverDelegations.delegate, delegate), activeOn(today)))
    .orderBy(asc(approverDelegations.approver));
}

/** Every delegation in force on `today`. */
export async function listActiveDelegations(tx: PgTx, today: string): Promise<DelegationRow[]> {
  return tx
    .select()
    .from(approverDelegations)
    .where(activeOn(today))
    .orderBy(asc(approverDelegations.approver), asc(approverDelegations.id));
}

/** Open delegations (not ended), for listings. */
export async function listOpenDelegations(tx: PgTx): Promise<DelegationRow[]> {
  return tx
    .select()
    .from(approverDelegations)
    .where(isNull(approverDelegations.endedAtMs))
    .orderBy(asc(approverDelegations.approver), asc(approverDelegations.fromOn));
}
