// The reason select and the evidence input every write-off request carries (docs/policy.md),
// shared by the manual preview step and the automatic-criteria step. Optional in Slack's eyes:
// the use-case answers a missing reason or evidence with our own field error naming the rule.
import type { types } from '@slack/bolt';
import { formatMoney } from '../../domain/money.ts';
import { EVIDENCE_MAX_CHARS, type ReasonCode } from '../../domain/policy.ts';
import { plainText, truncate } from '../blocks.ts';
import { reasonIds as ids } from '../ids.ts';

export interface ReasonChoice {
  readonly code: string;
  readonly label: string;
  /** `from $1,000.00`, `always`, or null when the reason never needs evidence. */
  readonly evidenceText: string | null;
}

export interface ReasonInputsModel {
  readonly choices: readonly ReasonChoice[];
  readonly selected: string | null;
  readonly evidence: string | null;
  /** `This request: $1,234.00 gross`, when the amount is known (the preview step). */
  readonly amountNote: string | null;
}

/** Slack allows 100 options; the policy allows 100 reasons. */
const OPTIONS_MAX = 100;

export function reasonInputBlocks(model: ReasonInputsModel): types.KnownBlock[] {
  const options = model.choices.slice(0, OPTIONS_MAX).map(reasonOption);
  const selected = options.find((o) => o.value === model.selected);
  return [
    {
      type: 'input',
      block_id: ids.reasonBlock,
      optional: true,
      label: plainText('Reason'),
      hint: plainText('Required: the reason code the auditors file this write-off under.'),
      element: {
        type: 'static_select',
        action_id: ids.reasonAction,
        placeholder: plainText('Choose a reason'),
        options,
        ...(selected === undefined ? {} : { initial_option: selected }),
      },
    },
    {
      type: 'input',
      block_id: ids.evidenceBlock,
      optional: true,
      label: plainText('Evidence (link or note)'),
      hint: plainText(truncate(evidenceHint(model), 2000)),
      element: {
        type: 'plain_text_input',
        action_id: ids.evidenceAction,
        multiline: true,
        max_length: EVIDENCE_MAX_CHARS,
        placeholder: plainText('https://… or where the documents are filed'),
        ...(model.evidence === null ? {} : { initial_value: model.evidence }),
      },
    },
  ];
}

function reasonOption(choice: ReasonChoice): types.PlainTextOption {
  return { text: plainText(truncate(`${choice.label} (${choice.code})`, 75)), value: choice.code };
}

function evidenceHint(model: ReasonInputsModel): string {
  const rules = model.choices
    .filter((c) => c.evidenceText !== null)
    .map((c) => `${c.label} ${c.evidenceText}`);
  const needed =
    rules.length === 0 ? 'No reason needs evidence.' : `Needed for: ${rules.join('; ')}.`;
  return model.amountNote === null ? needed : `${needed} ${model.amountNote}.`;
}

/** The reason select and evidence input, with each reason's evidence threshold spelled out. */
export function reasonInputsModel(
  reasons: readonly ReasonCode[],
  currency: string,
  current: { selected: string | null; evidence: string | null; grossMinor: number | null },
): ReasonInputsModel {
  const money = (minor: number) => formatMoney(minor, currency);
  return {
    choices: reasons.map((r) => ({
      code: r.code,
      label: r.label,
      evidenceText:
        r.evidenceFromMinor === null
          ? null
          : r.evidenceFromMinor <= 0
            ? 'always'
            : `from ${money(r.evidenceFromMinor)}`,
    })),
    selected: current.selected,
    evidence: current.evidence,
    amountNote:
      current.grossMinor === null ? null : `This request: ${money(current.grossMinor)} gross`,
  };
}
