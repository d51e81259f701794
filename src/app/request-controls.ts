// What a request shows about the controls it was judged by (docs/policy.md): its reason code
// with the label of the policy version it was submitted under, the evidence, the policy
// versions at submission and at decision, and its revision trail (`revises WO-…`). Reads only.

import { getPolicyVersion } from '../db/repos/policy.ts';
import { getRequest, getRevisionOf, type RequestRow } from '../db/repos/requests.ts';
import type { Tx } from '../db/store.ts';
import type { ReasonCode } from '../domain/policy.ts';
import { policyFileSchema, resolvePolicy } from './policy.ts';

export interface RequestControlsView {
  readonly reasonCode: string | null;
  /** The label in the policy the request was submitted under; null without a known code. */
  readonly reasonLabel: string | null;
  readonly evidence: string | null;
  /** From this gross amount the reason needs evidence; null = never, or no reason. */
  readonly evidenceFromMinor: number | null;
  /** The policy version at submission. */
  readonly policyVersion: string;
  /** The policy version when it was approved, rejected or cancelled; null while undecided. */
  readonly decidedPolicyVersion: string | null;
  /** The earlier requests this one resubmits, the one it revises first. */
  readonly revises: readonly string[];
  /** The request that resubmitted this one, if any. */
  readonly revisedBy: string | null;
}

/** A revision trail longer than this is cut (each step is a person resubmitting by hand). */
const TRAIL_MAX = 20;

export function requestControls(db: Tx, row: RequestRow): RequestControlsView {
  const reason = reasonOf(db, row);
  return {
    reasonCode: row.reasonCode,
    reasonLabel: reason?.label ?? null,
    evidence: row.evidence,
    evidenceFromMinor: reason?.evidenceFromMinor ?? null,
    policyVersion: row.policyVersion,
    decidedPolicyVersion: row.decidedPolicyVersion,
    revises: revisionTrail(db, row),
    revisedBy: getRevisionOf(db, row.id)?.id ?? null,
  };
}

function reasonOf(db: Tx, row: RequestRow): ReasonCode | null {
  if (row.reasonCode === null) return null;
  const stored = getPolicyVersion(db, row.policyVersion);
  if (stored === null) return null;
  const file = policyFileSchema.safeParse(JSON.parse(stored.contentJson));
  if (!file.success) return null;
  const policy = resolvePolicy(file.data, row.currency);
  if (!policy.ok) return null;
  return policy.value.reasons.find((r) => r.code === row.reasonCode) ?? null;
}

function revisionTrail(db: Tx, row: RequestRow): string[] {
  const trail: string[] = [];
  let next = row.revises;
  while (next !== null && trail.length < TRAIL_MAX && !trail.includes(next)) {
    trail.push(next);
    next = getRequest(db, next)?.revises ?? null;
  }
  return trail;
}
