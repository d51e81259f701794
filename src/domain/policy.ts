// The write-off policy (docs/policy.md, docs/decisions/180-policy-file-and-versions.md): reason
// codes with their evidence thresholds and the other controls an auditor asks about. Pure: the
// file is read and versioned in src/app/policy.ts.

export interface ReasonCode {
  /** Short stable code stored on each request, e.g. `bankruptcy`. */
  readonly code: string;
  readonly label: string;
  /**
   * From this gross amount (ledger currency, minor units, inclusive) an evidence link or note is
   * required; null = never.
   */
  readonly evidenceFromMinor: number | null;
}

export interface Policy {
  readonly reasons: readonly ReasonCode[];
  /** Hours a pending request may wait before the digest counts it as past the SLA. */
  readonly slaHours: number;
  /** Stored for split detection; not enforced yet. */
  readonly splitDetection: { readonly windowDays: number; readonly thresholdMinor: number };
  /** Whether a reversal needs a person other than the one who approved the request. */
  readonly reversalNeedsSecondPerson: boolean;
}

/** What a request without a reason code (every request before reason codes existed) shows. */
export const NO_REASON_CODE = 'none';

/** A link or a short note; longer text belongs in the document the link points to. */
export const EVIDENCE_MAX_CHARS = 1_000;

export type ReasonProblem =
  | { readonly field: 'reason'; readonly message: string }
  | { readonly field: 'evidence'; readonly message: string };

/**
 * Checks a request's reason code and evidence against the policy. `grossMinor` is what the
 * threshold is compared with, like approval limits (ADR 100).
 */
export function checkReason(
  policy: Policy,
  reasonCode: string | undefined,
  evidence: string | undefined,
  grossMinor: number,
  formatMinor: (minor: number) => string,
): ReasonProblem | undefined {
  const codes = policy.reasons.map((r) => r.code).join(', ');
  if (reasonCode === undefined || reasonCode.trim() === '') {
    return { field: 'reason', message: `required: choose a reason code of the policy (${codes})` };
  }
  if ((evidence ?? '').length > EVIDENCE_MAX_CHARS) {
    return { field: 'evidence', message: `at most ${EVIDENCE_MAX_CHARS} characters` };
  }
  const reason = policy.reasons.find((r) => r.code === reasonCode);
  if (reason === undefined) {
    return {
      field: 'reason',
      message: `"${reasonCode}" is not a reason code of the policy (${codes})`,
    };
  }
  if (!evidenceRequired(reason, grossMinor)) return undefined;
  if ((evidence ?? '').trim() !== '') return undefined;
  return {
    field: 'evidence',
    message: `required: reason "${reason.code}" needs an evidence link or note from ${formatMinor(reason.evidenceFromMinor ?? 0)} (this request: ${formatMinor(grossMinor)})`,
  };
}

export function evidenceRequired(reason: ReasonCode, grossMinor: number): boolean {
  return reason.evidenceFromMinor !== null && grossMinor >= reason.evidenceFromMinor;
}

export function reasonLabel(policy: Policy, code: string | null): string {
  if (code === null) return NO_REASON_CODE;
  const reason = policy.reasons.find((r) => r.code === code);
  return reason === undefined ? code : `${reason.label} (${code})`;
}
