// Resubmitting a rejected or stale request (docs/write-off-rules.md#approval): the new request
// names the one it revises, the old request's audit trail says what it was resubmitted as, and
// its approval messages are redrawn to link forward. A request is revised at most once (a
// unique index), so the trail never forks.
import { appendAudit } from '../db/repos/audit.ts';
import { enqueueOutbox } from '../db/repos/outbox.ts';
import { getRequest, getRevisionOf } from '../db/repos/requests.ts';
import type { Tx } from '../db/store.ts';
import type { AppError } from './deps.ts';

/** Only what a second person refused, or what went stale, is resubmitted. */
const REVISABLE = ['rejected', 'stale'] as const;

/** Why `requester` may not resubmit `revises`, or undefined. */
export function checkRevision(tx: Tx, revises: string, requester: string): AppError | undefined {
  const old = getRequest(tx, revises);
  if (old === null) {
    return { kind: 'invalid_input', field: 'revises', message: `${revises} does not exist` };
  }
  if (old.requester !== requester) {
    return {
      kind: 'not_allowed',
      userId: requester,
      action: `resubmit ${old.id} (only its requester may)`,
    };
  }
  if (!(REVISABLE as readonly string[]).includes(old.status)) {
    return {
      kind: 'invalid_input',
      field: 'revises',
      message: `${old.id} is ${old.status}; only a rejected or stale request can be resubmitted`,
    };
  }
  const already = getRevisionOf(tx, old.id);
  if (already !== null) {
    return {
      kind: 'invalid_input',
      field: 'revises',
      message: `${old.id} was already resubmitted as ${already.id}`,
    };
  }
  return undefined;
}

/** The old request's side of a resubmission: an audit row and a redraw of its messages. */
export function recordRevision(
  tx: Tx,
  input: { readonly revises: string; readonly requestId: string; readonly by: string },
  nowMs: number,
): void {
  appendAudit(tx, {
    atMs: nowMs,
    actor: input.by,
    action: 'resubmitted',
    requestId: input.revises,
    details: { as: input.requestId },
  });
  enqueueOutbox(tx, {
    requestId: input.revises,
    kind: 'request_revised',
    payload: { requestId: input.revises, as: input.requestId },
    dedupeKey: `${input.revises}:revised`,
    atMs: nowMs,
  });
}
