// Slack modal drafts on PostgreSQL, the async twin of src/db/drafts.repo.ts (opaque JSON here).
import { and, desc, eq, lt, notInArray, sql } from 'drizzle-orm';
import type { DraftRow, DraftSweep } from '../drafts.repo.ts';
import { drafts } from './schema.ts';
import type { PgTx } from './types.ts';

export type { DraftRow, DraftSweep };

export async function insertDraft(tx: PgTx, row: DraftRow): Promise<void> {
  await tx.insert(drafts).values(row);
}

export async function getDraftRow(tx: PgTx, id: string): Promise<DraftRow | null> {
  const [row] = await tx.select().from(drafts).where(eq(drafts.id, id));
  return row ?? null;
}

/** Replaces the payload of the user's own draft; false when it is gone or someone else's. */
export async function updateDraftRow(
  tx: PgTx,
  id: string,
  userId: string,
  payloadJson: string,
  nowMs: number,
): Promise<boolean> {
  const rows = await tx
    .update(drafts)
    .set({ payloadJson, updatedAtMs: nowMs })
    .where(and(eq(drafts.id, id), eq(drafts.userId, userId)))
    .returning({ id: drafts.id });
  return rows.length === 1;
}

export async function deleteDraftRow(tx: PgTx, id: string): Promise<void> {
  await tx.delete(drafts).where(eq(drafts.id, id));
}

/** Deletes the user's drafts beyond the `keep` most recently touched ones. */
export async function deleteDraftsBeyond(tx: PgTx, userId: string, keep: number): Promise<number> {
  const kept = tx
    .select({ id: drafts.id })
    .from(drafts)
    .where(eq(drafts.userId, userId))
    .orderBy(desc(drafts.updatedAtMs), desc(drafts.createdAtMs), desc(drafts.id))
    .limit(keep);
  const rows = await tx
    .delete(drafts)
    .where(and(eq(drafts.userId, userId), notInArray(drafts.id, kept)))
    .returning({ id: drafts.id });
  return rows.length;
}

/** Drops drafts nobody touched since `beforeMs` (abandoned modals). */
export async function deleteDraftsOlderThan(tx: PgTx, beforeMs: number): Promise<number> {
  const rows = await tx
    .delete(drafts)
    .where(lt(drafts.updatedAtMs, beforeMs))
    .returning({ id: drafts.id });
  return rows.length;
}

/**
 * The sweep and the new draft of every `/writeoff` in one statement: one round trip to the
 * server for three (docs/decisions/395-pg-writeoff-post-ack-cpu.md). Its parts share one
 * snapshot, so the user's `keep` newest are chosen among drafts the first part deletes too; those
 * are older than every draft it leaves, so the same drafts go as when run one after the other.
 */
export async function insertDraftAfterSweep(
  tx: PgTx,
  row: DraftRow,
  sweep: DraftSweep,
): Promise<void> {
  await tx.execute(sql`WITH old AS (DELETE FROM drafts WHERE updated_at_ms < ${sweep.beforeMs}),
    beyond AS (DELETE FROM drafts WHERE user_id = ${row.userId} AND id NOT IN (
      SELECT id FROM drafts WHERE user_id = ${row.userId}
      ORDER BY updated_at_ms DESC, created_at_ms DESC, id DESC LIMIT ${sweep.keep}))
    INSERT INTO drafts (id, user_id, payload_json, created_at_ms, updated_at_ms)
    VALUES (${row.id}, ${row.userId}, ${row.payloadJson}, ${row.createdAtMs}, ${row.updatedAtMs})`);
}
