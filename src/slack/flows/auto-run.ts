// Glue for the automatic-criteria steps of the write-off modal (docs/automatic-write-offs.md):
// render the criteria step, and — after the submission was acknowledged with a progress view —
// compute the preview and swap it in with views.update. Slack's 3-second limit applies to the
// ack only, so the work that may take seconds happens after it.
import type { App } from '@slack/bolt';
import type { AutoFormInput, CheckedAutoForm } from '../../app/auto-form.ts';
import type { AutoCriteriaOutcome, AutoPreviewStep } from '../../app/auto-modal.ts';
import type { RunProgress } from '../../app/auto-preview-off-thread.ts';
import type { AutoRunPreview } from '../../app/auto-run.ts';
import type { CriteriaStep } from '../../app/manual-modal-steps.ts';
import type { AutoCriteriaInput } from '../../domain/automatic.ts';
import { describeAppErrors } from '../../domain/request-errors.ts';
import type { SlackDeps } from '../deps.ts';
import { encodeDraftMetadata } from '../parse/manual-metadata.ts';
import { autoCriteriaView } from '../views/auto-criteria.ts';
import { autoMessageView, autoPreviewView, autoProgressView } from '../views/auto-preview.ts';
import type { ModalView } from '../views/manual-common.ts';
import { manualMessageView } from '../views/manual-common.ts';
import { reasonInputsModel } from '../views/reason-inputs.ts';
import { NO_LEDGER_TEXT } from './manual-steps.ts';

type WebClient = App['client'];

/** The criteria form for a draft (step 1 chose "Automatic criteria", or its type changed). */
export function criteriaView(step: CriteriaStep, values?: Partial<AutoFormInput>): ModalView {
  if (step.kind === 'no_ledger') return manualMessageView(NO_LEDGER_TEXT);
  return autoCriteriaView({
    metadata: encodeDraftMetadata(step.draftId),
    data: step.data,
    values: values ?? step.values ?? {},
  });
}

export function criteriaText(input: AutoCriteriaInput): string {
  const parts = [
    input.fcPercent === undefined ? `value ${input.value}` : `${input.value}% (${input.fcPercent})`,
    `older than ${input.olderThan}`,
  ];
  if (input.startDate !== undefined) parts.push(`from ${input.startDate}`);
  if (input.customers) parts.push(`customers ${input.customers.from}–${input.customers.to}`);
  if (input.invoices) parts.push(`invoices ${input.invoices.from}–${input.invoices.to}`);
  if (input.account !== undefined) parts.push(`account ${input.account}`);
  return parts.join(', ');
}

export function previewMetadata(
  draftId: string,
  checked: CheckedAutoForm,
  run: AutoRunPreview,
): string {
  return JSON.stringify({
    v: 1,
    draft: draftId,
    run: {
      input: checked.input,
      comment: checked.comment,
      ...(checked.reasonCode !== undefined && { reasonCode: checked.reasonCode }),
      ...(checked.evidence !== undefined && { evidence: checked.evidence }),
      ...(checked.revises !== undefined && { revises: checked.revises }),
      hash: run.hash,
      grossMinor: run.summary.grossMinor,
    },
  });
}

const FIELD_LABELS = { reason: 'Reason', evidence: 'Evidence' } as const;

/**
 * The preview step: the run, and the reason and evidence inputs prefilled from the criteria.
 * What Submit would refuse about them at this run's amount is said at the top (a refusal at
 * Submit is a field error next to the input, ADR 257).
 */
export function previewStepView(
  draftId: string,
  checked: CheckedAutoForm,
  step: AutoPreviewStep,
  notice: string | null = null,
  csvSent = false,
): ModalView {
  const { run, reasonProblem } = step;
  const problem =
    reasonProblem === null
      ? null
      : `${FIELD_LABELS[reasonProblem.field]}: ${reasonProblem.message}. Fix it below before submitting.`;
  const notices = [notice, problem].filter((n): n is string => n !== null);
  return autoPreviewView({
    metadata: previewMetadata(draftId, checked, run),
    run,
    criteriaText: criteriaText(checked.input),
    comment: checked.comment,
    revises: checked.revises ?? null,
    notice: notices.length === 0 ? null : notices.join('\n'),
    csvSent,
    reasonInputs: reasonInputsModel(step.reasons, run.header.currency, {
      selected: checked.reasonCode ?? null,
      evidence: checked.evidence ?? null,
      grossMinor: run.summary.grossMinor,
    }),
  });
}

/** After the ack: computes the preview (the use-case's slow part) and shows it in the modal. */
export async function showAutoPreview(
  client: WebClient,
  deps: SlackDeps,
  viewId: string,
  accepted: Extract<AutoCriteriaOutcome, { kind: 'accepted' }>,
  userId: string,
): Promise<void> {
  const { draftId, checked } = accepted;
  const result = await withProgress(client, viewId, accepted.preview);
  if (result.kind === 'failed') {
    const text = describeAppErrors(result.error, result.currency).join('\n');
    await client.views.update({ view_id: viewId, view: autoMessageView(`:warning: ${text}`) });
    return;
  }
  if (result.run.summary.lines === 0) {
    await client.views.update({
      view_id: viewId,
      view: autoMessageView(
        'Nothing matches these criteria: no open item qualifies (or every one is already in a pending request). Close this and try other criteria.',
      ),
    });
    return;
  }
  const csvSent = await sendDetailCsv(client, deps, userId, result.run);
  await client.views.update({
    view_id: viewId,
    view: previewStepView(draftId, checked, result, null, csvSent),
  });
}

/**
 * The full detail to the clerk's DM as a CSV file, through Slack's external upload flow
 * (filesUploadV2: files.getUploadURLExternal → POST → files.completeUploadExternal). A failed
 * upload is logged and the preview says the detail comes with the request instead.
 */
async function sendDetailCsv(
  client: WebClient,
  deps: SlackDeps,
  userId: string,
  run: AutoRunPreview,
): Promise<boolean> {
  if (run.csv === null) return false;
  try {
    const opened = await client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (channel === undefined) return false;
    const { header } = run;
    await client.filesUploadV2({
      channel_id: channel,
      // A view of the bytes the worker made, not a copy.
      file: Buffer.from(run.csv.buffer, run.csv.byteOffset, run.csv.byteLength),
      filename: `write-off-preview-${header.mode}-${header.date}.csv`,
      title: `Write-off preview (${header.mode}, ${header.period}): one row per line`,
    });
    return true;
  } catch (error) {
    deps.logger.warn('automatic preview: the CSV detail could not be uploaded', error);
    return false;
  }
}

/**
 * While a run computes, the modal says how far it got: once as soon as the run knows how many
 * customers it reads, then every few seconds with the time spent. Updates go out one after the
 * other, and the last one lands before the result replaces it.
 */
export const PROGRESS_EVERY_MS = 2_000;

async function withProgress<T>(
  client: WebClient,
  viewId: string,
  work: (onProgress: RunProgress) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  let read: { done: number; total: number } | null = null;
  let updates: Promise<unknown> = Promise.resolve();
  const show = () => {
    const text = progressText(read, Math.round((Date.now() - started) / 1000));
    updates = updates
      .then(() => client.views.update({ view_id: viewId, view: autoProgressView(text) }))
      .catch(() => {});
  };
  const timer = setInterval(show, PROGRESS_EVERY_MS);
  try {
    return await work((done, total) => {
      const first = read === null;
      read = { done, total };
      if (first) show();
    });
  } finally {
    clearInterval(timer);
    await updates;
  }
}

export function progressText(read: { done: number; total: number } | null, seconds: number) {
  const count = (n: number) => n.toLocaleString('en-US');
  const where =
    read === null
      ? ' over the open items'
      : `: ${count(read.done)} of ${count(read.total)} ${read.total === 1 ? 'customer' : 'customers'} read`;
  return `Computing the preview${where}… ${seconds} s`;
}
