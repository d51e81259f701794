// The audit log on PostgreSQL, the async twin of src/db/audit.repo.ts. Append-only: triggers
// refuse UPDATE, DELETE and TRUNCATE.
import { asc, eq } from 'drizzle-orm';
import type { AuditRow, NewAuditRow } from '../audit.repo.ts';
import { auditLog, writeOffRequests } from './schema.ts';
import type { PgTx } from './types.ts';

export type { AuditRow, NewAuditRow };

/** Appends one row; a row about a request carries that request's preview hash. */
export async function appendAudit(tx: PgTx, row: NewAuditRow): Promise<void> {
  const previewHash = row.previewHash ?? (await requestPreviewHash(tx, row.requestId));
  await tx.insert(auditLog).values({
    atMs: row.atMs,
    actor: row.actor,
    action: row.action,
    requestId: row.requestId ?? null,
    detailsJson: JSON.stringify(row.details ?? {}),
    slackChannel: row.slack?.channel ?? null,
    slackTs: row.slack?.ts ?? null,
    previewHash: previewHash ?? null,
  });
}

async function requestPreviewHash(
  tx: PgTx,
  requestId: string | undefined,
): Promise<string | undefined> {
  if (requestId === undefined) return undefined;
  const [row] = await tx
    .select({ previewHash: writeOffRequests.previewHash })
    .from(writeOffRequests)
    .where(eq(writeOffRequests.id, requestId));
  return row?.previewHash;
}

/** A request's trail, oldest first. */
export async function listAuditForRequest(tx: PgTx, requestId: string): Promise<AuditRow[]> {
  const rows = await tx
    .select()
    .from(auditLog)
    .where(eq(auditLog.requestId, requestId))
    .orderBy(asc(auditLog.id));
  return rows.map(({ detailsJson, ...rest }) => ({
    ...rest,
    details: JSON.parse(detailsJson) as Record<string, unknown>,
  }));
}
