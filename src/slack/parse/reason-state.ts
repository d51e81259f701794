// zod for the reason select and evidence input (views/reason-inputs.ts) in any step's
// `view.state.values`; a missing or blank value is absent.
import type { RequestControls } from '../../app/submit-run.ts';
import { reasonIds as ids } from '../ids.ts';
import { parseViewState } from './manual-state.ts';

export function parseReasonState(values: unknown): RequestControls {
  const state = parseViewState(values);
  const code = state[ids.reasonBlock]?.[ids.reasonAction]?.selected_option?.value;
  const evidence = state[ids.evidenceBlock]?.[ids.evidenceAction]?.value;
  return {
    ...(code === undefined || code.trim() === '' ? {} : { reasonCode: code }),
    ...(evidence === undefined || evidence === null || evidence.trim() === ''
      ? {}
      : { evidence: evidence.trim() }),
  };
}

/** Field errors of the reason inputs, keyed by their block ids for `response_action: errors`. */
export function reasonErrors(
  errors: Partial<Record<'reason' | 'evidence', string>>,
): Record<string, string> {
  return {
    ...(errors.reason === undefined ? {} : { [ids.reasonBlock]: errors.reason }),
    ...(errors.evidence === undefined ? {} : { [ids.evidenceBlock]: errors.evidence }),
  };
}
