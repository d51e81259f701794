// Slack modal drafts: the state of a half-filled write-off form, so `private_metadata` only
// carries the draft id (Slack caps it at 3000 characters). The payload is opaque JSON here;
// src/app/drafts.ts owns its shape and parses it. Every `/writeoff` and every modal step runs
// these, so they are fixed SQL on the connection's cached statements (connectionOf) rather than
// queries drizzle builds anew on each call (docs/decisions/245-lighter-post-ack-path.md).
import { connectionOf, type Tx } from './client.ts';

export interface DraftRow {
  readonly id: string;
  readonly userId: string;
  readonly payloadJson: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

const COLUMNS = `id, user_id AS userId, payload_json AS payloadJson,
  created_at_ms AS createdAtMs, updated_at_ms AS updatedAtMs`;

export function insertDraft(tx: Tx, row: DraftRow): void {
  connectionOf(tx)
    .sqlite.prepare(
      `INSERT INTO drafts (id, user_id, payload_json, created_at_ms, updated_at_ms)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(row.id, row.userId, row.payloadJson, row.createdAtMs, row.updatedAtMs);
}

export function getDraftRow(tx: Tx, id: string): DraftRow | null {
  const row = connectionOf(tx).sqlite.prepare(`SELECT ${COLUMNS} FROM drafts WHERE id = ?`).get(id);
  return (row as DraftRow | undefined) ?? null;
}

/** Replaces the payload of the user's own draft; false when it is gone or someone else's. */
export function updateDraftRow(
  tx: Tx,
  id: string,
  userId: string,
  payloadJson: string,
  nowMs: number,
): boolean {
  const result = connectionOf(tx)
    .sqlite.prepare(
      'UPDATE drafts SET payload_json = ?, updated_at_ms = ? WHERE id = ? AND user_id = ?',
    )
    .run(payloadJson, nowMs, id, userId);
  return result.changes === 1;
}

export function deleteDraftRow(tx: Tx, id: string): void {
  connectionOf(tx).sqlite.prepare('DELETE FROM drafts WHERE id = ?').run(id);
}

/** Deletes the user's drafts beyond the `keep` most recently touched ones. */
export function deleteDraftsBeyond(tx: Tx, userId: string, keep: number): number {
  return connectionOf(tx)
    .sqlite.prepare(
      `DELETE FROM drafts WHERE user_id = ? AND id NOT IN (
         SELECT id FROM drafts WHERE user_id = ?
         ORDER BY updated_at_ms DESC, created_at_ms DESC, id DESC LIMIT ?)`,
    )
    .run(userId, userId, keep).changes;
}

/** Drops drafts nobody touched since `beforeMs` (abandoned modals). */
export function deleteDraftsOlderThan(tx: Tx, beforeMs: number): number {
  return connectionOf(tx).sqlite.prepare('DELETE FROM drafts WHERE updated_at_ms < ?').run(beforeMs)
    .changes;
}

/** What a new draft sweeps first: drafts untouched since `beforeMs`, and the user's beyond `keep`. */
export interface DraftSweep {
  readonly beforeMs: number;
  readonly keep: number;
}

/**
 * The sweep and the new draft that every `/writeoff` makes, in one call: on PostgreSQL one
 * round trip to the bridge instead of three (docs/decisions/395-pg-writeoff-post-ack-cpu.md).
 */
export function insertDraftAfterSweep(tx: Tx, row: DraftRow, sweep: DraftSweep): void {
  deleteDraftsOlderThan(tx, sweep.beforeMs);
  deleteDraftsBeyond(tx, row.userId, sweep.keep);
  insertDraft(tx, row);
}
