// Slack modal drafts: the state of a half-filled write-off form, so `private_metadata` only
// carries the draft id (Slack caps it at 3000 characters). The payload is opaque JSON here;
// src/app/drafts.ts owns its shape and parses it.
import { and, desc, eq, lt, notInArray } from 'drizzle-orm';
import type { Tx } from './client.ts';
import { drafts } from './schema.ts';

export interface DraftRow {
  readonly id: string;
  readonly userId: string;
  readonly payloadJson: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export function insertDraft(tx: Tx, row: DraftRow): void {
  tx.insert(drafts).values(row).run();
}

export function getDraftRow(tx: Tx, id: string): DraftRow | null {
  return tx.select().from(drafts).where(eq(drafts.id, id)).get() ?? null;
}

/** Replaces the payload of the user's own draft; false when it is gone or someone else's. */
export function updateDraftRow(
  tx: Tx,
  id: string,
  userId: string,
  payloadJson: string,
  nowMs: number,
): boolean {
  const result = tx
    .update(drafts)
    .set({ payloadJson, updatedAtMs: nowMs })
    .where(and(eq(drafts.id, id), eq(drafts.userId, userId)))
    .run();
  return result.changes === 1;
}

export function deleteDraftRow(tx: Tx, id: string): void {
  tx.delete(drafts).where(eq(drafts.id, id)).run();
}

/** Deletes the user's drafts beyond the `keep` most recently touched ones. */
export function deleteDraftsBeyond(tx: Tx, userId: string, keep: number): number {
  const kept = tx
    .select({ id: drafts.id })
    .from(drafts)
    .where(eq(drafts.userId, userId))
    .orderBy(desc(drafts.updatedAtMs), desc(drafts.createdAtMs), desc(drafts.id))
    .limit(keep);
  return tx
    .delete(drafts)
    .where(and(eq(drafts.userId, userId), notInArray(drafts.id, kept)))
    .run().changes;
}

/** Drops drafts nobody touched since `beforeMs` (abandoned modals). */
export function deleteDraftsOlderThan(tx: Tx, beforeMs: number): number {
  return tx.delete(drafts).where(lt(drafts.updatedAtMs, beforeMs)).run().changes;
}
