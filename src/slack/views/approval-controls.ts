// The controls part of a request's approval messages (docs/policy.md): the reason code and
// evidence, why a second person must approve and with what limit, the policy version it was
// requested (and decided) under, and the revision trail. Kept apart from the other approval
// builders: pure, formatted text only.
import type { types } from '@slack/bolt';
import type { RequestView } from '../../app/request-views.ts';
import { formatMoney } from '../../domain/money.ts';
import { NO_REASON_CODE } from '../../domain/policy.ts';
import { context, escapeMrkdwn, fields, truncate } from '../blocks.ts';

export interface CardControls {
  /** `Customer bankruptcy (bankruptcy)`, or `none` for a request from before reason codes. */
  readonly reasonText: string;
  /** The evidence link or note as given; null when none was given. */
  readonly evidence: string | null;
  /** `required from $1,000.00`, `not required below $1,000.00`, or null when never required. */
  readonly evidenceRule: string | null;
  /** Why approval is needed and what limit the approver needs. */
  readonly whyText: string;
  readonly policyVersion: string;
  readonly decidedPolicyVersion: string | null;
  /** The request this one resubmits, or null. */
  readonly revises: string | null;
  /** Oldest first, ending with this request; empty without a revision. */
  readonly trail: readonly string[];
  readonly revisedBy: string | null;
  /**
   * Rejected or stale, not resubmitted yet, and manual or an automatic run with its criteria:
   * "Edit and resubmit" applies.
   */
  readonly resubmittable: boolean;
}

export const EVIDENCE_SHOWN_MAX = 500;

export function cardControls(view: RequestView): CardControls {
  const c = view.controls;
  const money = (minor: number) => formatMoney(minor, view.currency);
  const reasonText =
    c.reasonCode === null
      ? NO_REASON_CODE
      : c.reasonLabel === null
        ? c.reasonCode
        : `${c.reasonLabel} (${c.reasonCode})`;
  return {
    reasonText,
    evidence: c.evidence,
    evidenceRule:
      c.evidenceFromMinor === null
        ? null
        : view.grossMinor >= c.evidenceFromMinor
          ? `required from ${money(c.evidenceFromMinor)}`
          : `not required below ${money(c.evidenceFromMinor)}`,
    whyText: whyText(money(view.grossMinor), view.grossMinor !== view.totalMinor),
    policyVersion: c.policyVersion,
    decidedPolicyVersion: c.decidedPolicyVersion,
    revises: c.revises[0] ?? null,
    trail: c.revises.length === 0 ? [] : [...c.revises].reverse().concat(view.id),
    revisedBy: c.revisedBy,
    resubmittable:
      (view.mode === 'manual' || view.criteria !== null) &&
      (view.status === 'rejected' || view.status === 'stale') &&
      c.revisedBy === null,
  };
}

// docs/write-off-rules.md#approval: every write-off needs a second person, and the approver's
// limit must cover the gross amount (ADR 100).
function whyText(gross: string, grossDiffers: boolean): string {
  const amount = grossDiffers ? `${gross} gross` : gross;
  return `Every write-off needs a second person: ${amount} needs an approver with a limit of at least ${gross}.`;
}

/** Reason and evidence as two fields. */
export function reasonFields(controls: CardControls, blockId: string): types.SectionBlock {
  const evidence =
    controls.evidence === null
      ? '_none given_'
      : escapeMrkdwn(truncate(controls.evidence, EVIDENCE_SHOWN_MAX));
  const rule = controls.evidenceRule === null ? '' : ` (${controls.evidenceRule})`;
  return fields(
    [
      `*Reason*\n${escapeMrkdwn(truncate(controls.reasonText, 200))}`,
      `*Evidence*${rule}\n${evidence}`,
    ],
    blockId,
  );
}

/** One context line: why approval is needed, the policy version(s), the revision trail. */
export function controlsContext(controls: CardControls, blockId: string): types.ContextBlock {
  const decided =
    controls.decidedPolicyVersion === null
      ? ''
      : controls.decidedPolicyVersion === controls.policyVersion
        ? ', decided under the same version'
        : `, decided under ${controls.decidedPolicyVersion}`;
  const lines = [
    `*Why approval:* ${controls.whyText}`,
    `*Policy:* requested under ${controls.policyVersion}${decided}`,
    ...revisionLines(controls),
  ];
  return context([lines.join('\n')], blockId);
}

function revisionLines(controls: CardControls): string[] {
  const lines: string[] = [];
  if (controls.revises !== null) {
    const trail = controls.trail.length > 2 ? ` (trail: ${controls.trail.join(' → ')})` : '';
    lines.push(`*Revises:* ${controls.revises}${trail}`);
  }
  if (controls.revisedBy !== null) lines.push(`*Resubmitted as:* ${controls.revisedBy}`);
  return lines;
}
