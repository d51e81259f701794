// Split detection at submit and its acknowledgement at approval
// (docs/write-off-rules.md#split-detection, docs/decisions/225-split-detection.md). The warning
// is computed once, inside the submit transaction, and stored on the request: the approval
// message shows what the rule found then, and the approve use-case refuses without the tick.
import { appendAudit } from '../db/repos/audit.ts';
import type { RequestRow } from '../db/repos/requests.ts';
import { listSplitCandidates, updateSplitJson } from '../db/repos/split.ts';
import type { Tx } from '../db/store.ts';
import { detectSplit, type SplitWarning, windowStartMs } from '../domain/split-detection.ts';
import type { AppError } from './deps.ts';
import { type PolicyFile, resolvePolicy } from './policy.ts';

/** Detects and stores the warning for a request just inserted; returns it (or null). */
export function recordSplitWarning(
  tx: Tx,
  request: { readonly id: string; readonly requester: string; readonly customerId: string | null },
  policyFile: PolicyFile,
  currency: string,
  nowMs: number,
): SplitWarning | null {
  if (request.customerId === null) return null;
  const policy = resolvePolicy(policyFile, currency);
  if (!policy.ok) return null;
  const rule = policy.value.splitDetection;
  const candidates = listSplitCandidates(
    tx,
    request.requester,
    request.customerId,
    windowStartMs(rule, nowMs),
  );
  const self = candidates.find((c) => c.requestId === request.id);
  if (self === undefined) return null;
  const warning = detectSplit(self, candidates, rule, nowMs);
  if (warning === null) return null;
  updateSplitJson(tx, request.id, JSON.stringify(warning));
  appendAudit(tx, {
    atMs: nowMs,
    actor: 'system:policy',
    action: 'split_detected',
    requestId: request.id,
    details: { ...warning },
  });
  return warning;
}

/** The stored warning of a request, or null. */
export function splitWarningOf(request: Pick<RequestRow, 'splitJson'>): SplitWarning | null {
  return request.splitJson === null ? null : (JSON.parse(request.splitJson) as SplitWarning);
}

/** The refusal when the request carries a warning the approver did not acknowledge. */
export function unacknowledgedSplit(
  request: RequestRow,
  acknowledged: boolean,
): AppError | undefined {
  const warning = splitWarningOf(request);
  if (warning === null || acknowledged) return undefined;
  return {
    kind: 'related_unacknowledged',
    requestId: request.id,
    related: warning.related.map((r) => r.requestId),
  };
}
