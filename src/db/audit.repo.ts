// The audit log: who did what, when, to which request, from which Slack message. Append-only
// (triggers refuse UPDATE and DELETE).
import { asc, eq } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';
import { auditLog, writeOffRequests } from './schema.ts';

export interface NewAuditRow {
  readonly atMs: number;
  readonly actor: string;
  readonly action: string;
  readonly requestId?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly slack?: { readonly channel: string; readonly ts: string };
  readonly previewHash?: string;
}

export interface AuditRow {
  readonly id: number;
  readonly atMs: number;
  readonly actor: string;
  readonly action: string;
  readonly requestId: string | null;
  readonly details: Record<string, unknown>;
  readonly slackChannel: string | null;
  readonly slackTs: string | null;
  readonly previewHash: string | null;
}

/**
 * Appends one row. A row about a request carries that request's preview hash even when the
 * caller does not pass it, so every state change names exactly what was previewed
 * (docs/write-off-rules.md#approval).
 */
export function appendAudit(tx: Tx, row: NewAuditRow): void {
  const previewHash = row.previewHash ?? requestPreviewHash(tx, row.requestId);
  sessionOf(tx)
    .insert(auditLog)
    .values({
      atMs: row.atMs,
      actor: row.actor,
      action: row.action,
      requestId: row.requestId ?? null,
      detailsJson: JSON.stringify(row.details ?? {}),
      slackChannel: row.slack?.channel ?? null,
      slackTs: row.slack?.ts ?? null,
      previewHash: previewHash ?? null,
    })
    .run();
}

function requestPreviewHash(tx: Tx, requestId: string | undefined): string | undefined {
  if (requestId === undefined) return undefined;
  return sessionOf(tx)
    .select({ previewHash: writeOffRequests.previewHash })
    .from(writeOffRequests)
    .where(eq(writeOffRequests.id, requestId))
    .get()?.previewHash;
}

/** A request's trail, oldest first. */
export function listAuditForRequest(tx: Tx, requestId: string): AuditRow[] {
  return sessionOf(tx)
    .select()
    .from(auditLog)
    .where(eq(auditLog.requestId, requestId))
    .orderBy(asc(auditLog.id))
    .all()
    .map(({ detailsJson, ...rest }) => ({
      ...rest,
      details: JSON.parse(detailsJson) as Record<string, unknown>,
    }));
}
