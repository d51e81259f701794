// Preview-and-submit in one call, for callers that have no preview to show first (the command
// line's `--submit`, a nightly cron job): the same preview a clerk would see, then the same
// pending request Slack's Submit creates. The snapshot taken with the preview makes submit refuse
// balances that moved in between, exactly as in Slack.
import type { AutoCriteriaInput } from '../domain/automatic.ts';
import type { ManualRequest } from '../domain/manual.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { SplitWarning } from '../domain/split-detection.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import {
  type PreviewResult,
  previewAutomaticRun,
  previewManualRequest,
} from './preview-write-off.ts';
import { submitRequest } from './submit-request.ts';

/** Slack shows member ids as U… (W… on Enterprise Grid). */
export const SLACK_MEMBER_ID = /^[UW][A-Z0-9]{2,}$/;

export interface SubmittedRun {
  readonly requestId: string;
  readonly status: 'pending';
  readonly totalMinor: number;
  readonly currency: string;
  readonly items: number;
  /** Split detection's warning (docs/write-off-rules.md#split-detection), or null. */
  readonly split: SplitWarning | null;
}

function checkRequester(requester: string): AppError | undefined {
  if (SLACK_MEMBER_ID.test(requester)) return undefined;
  return {
    kind: 'invalid_input',
    field: 'requester',
    message: `"${requester}" is not a Slack member id like U0123ABCD (Slack profile → ⋮ → Copy member ID)`,
  };
}

/** The reason code and evidence the policy asks of every request (docs/policy.md). */
export interface RequestControls {
  readonly reasonCode?: string;
  readonly evidence?: string;
  /** The rejected or stale request this one resubmits (`WO-…`). */
  readonly revises?: string;
}

/** A manual request file, previewed and submitted as `requester`. */
export function submitManualRun(
  deps: AppDeps,
  request: ManualRequest,
  requester: string,
  controls: RequestControls = {},
): Result<SubmittedRun, AppError> {
  const refused = checkRequester(requester);
  if (refused !== undefined) return err(refused);
  const previewed = previewManualRequest(deps, request);
  if (!previewed.ok) return previewed;
  const isEntry = request.method === 'entry';
  return submitPreviewed(deps, previewed.value, requester, {
    method: request.method,
    ...(isEntry && request.account !== undefined && { account: request.account }),
    ...(isEntry && request.comment !== undefined && { comment: request.comment }),
    ...controls,
  });
}

/** An automatic run: ONE request for the whole run, however many customers it covers. */
export function submitAutomaticRun(
  deps: AppDeps,
  input: AutoCriteriaInput,
  requester: string,
  comment?: string,
  controls: RequestControls = {},
): Result<SubmittedRun, AppError> {
  const refused = checkRequester(requester);
  if (refused !== undefined) return err(refused);
  const previewed = previewAutomaticRun(deps, input);
  if (!previewed.ok) return previewed;
  return submitPreviewed(deps, previewed.value, requester, {
    ...(previewed.value.criteria && { account: previewed.value.criteria.account }),
    ...(comment !== undefined && comment.trim() !== '' && { comment }),
    criteria: input,
    ...controls,
  });
}

function submitPreviewed(
  deps: AppDeps,
  previewed: PreviewResult,
  requester: string,
  extra: Pick<
    Parameters<typeof submitRequest>[1],
    'method' | 'account' | 'comment' | 'criteria' | 'reasonCode' | 'evidence' | 'revises'
  >,
): Result<SubmittedRun, AppError> {
  const { preview, snapshot } = previewed;
  const submitted = submitRequest(deps, { preview, snapshot, requester, ...extra });
  if (!submitted.ok) return submitted;
  return ok({
    requestId: submitted.value.requestId,
    status: 'pending',
    totalMinor: preview.totalMinor,
    currency: preview.currency,
    items: preview.items.length,
    split: submitted.value.split,
  });
}
