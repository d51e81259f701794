// Step 1 of the manual write-off modal: customer (type-ahead), open period, date, distribution
// method and mode. Pure: everything it shows comes in the view model.
import type { types } from '@slack/bolt';
import { context, plainText, truncate } from '../blocks.ts';
import { manualIds as ids } from '../ids.ts';
import { type ModalView, modal, voidReminder } from './manual-common.ts';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface FormViewModel {
  readonly metadata: string;
  readonly customer: Choice | null;
  /** Open periods only: a closed period is never offered. */
  readonly periods: readonly Choice[];
  readonly period: string | null;
  readonly date: string;
  readonly method: 'entry' | 'line-item';
}

const option = (c: Choice): types.PlainTextOption => ({
  text: plainText(truncate(c.label, 75)),
  value: c.value,
});

const METHODS: readonly (Choice & { readonly description: string })[] = [
  {
    value: 'entry',
    label: 'Entry',
    description: 'One write-off account and one comment for the whole request.',
  },
  {
    value: 'line-item',
    label: 'Line item',
    description: 'Each invoice gets its own account and comment (defaults offered).',
  },
];

const MODES: readonly (Choice & { readonly description: string })[] = [
  { value: 'invoices', label: 'Pick invoices', description: 'Choose invoices and amounts.' },
  {
    value: 'automatic',
    label: 'Automatic criteria',
    description: 'By finance charge, invoice balance or account balance.',
  },
];

const radio = (c: Choice & { readonly description: string }): types.PlainTextOption => ({
  text: plainText(c.label),
  value: c.value,
  description: plainText(c.description),
});

export function manualFormView(model: FormViewModel): ModalView {
  const periods = model.periods.slice(0, 100).map(option);
  const selectedPeriod = periods.find((p) => p.value === model.period);
  const method = METHODS.find((m) => m.value === model.method) ?? METHODS[0];
  const blocks: types.KnownBlock[] = [
    {
      type: 'input',
      block_id: ids.customerBlock,
      label: plainText('Customer'),
      element: {
        type: 'external_select',
        action_id: ids.customerAction,
        placeholder: plainText('Type a customer id or name'),
        min_query_length: 1,
        ...(model.customer === null ? {} : { initial_option: option(model.customer) }),
      },
    },
    {
      type: 'input',
      block_id: ids.periodBlock,
      label: plainText('Fiscal period'),
      hint: plainText('Only open periods are listed; both sides of the entry land here.'),
      element: {
        type: 'static_select',
        action_id: ids.periodAction,
        placeholder: plainText('Choose an open period'),
        options: periods,
        ...(selectedPeriod === undefined ? {} : { initial_option: selectedPeriod }),
      },
    },
    {
      type: 'input',
      block_id: ids.dateBlock,
      label: plainText('Write-off date'),
      hint: plainText('Informational; the period decides where the entry is posted.'),
      element: { type: 'datepicker', action_id: ids.dateAction, initial_date: model.date },
    },
    {
      type: 'input',
      block_id: ids.methodBlock,
      label: plainText('Distribution method'),
      element: {
        type: 'radio_buttons',
        action_id: ids.methodAction,
        options: METHODS.map(radio),
        ...(method === undefined ? {} : { initial_option: radio(method) }),
      },
    },
    {
      type: 'input',
      block_id: ids.modeBlock,
      // Choosing Automatic criteria swaps in its own form at once (no customer needed).
      dispatch_action: true,
      label: plainText('Write off by'),
      element: {
        type: 'radio_buttons',
        action_id: ids.modeAction,
        options: MODES.map(radio),
        initial_option: radio(MODES[0] as (typeof MODES)[number]),
      },
    },
    context(['Next: the customer’s open invoices, then a preview with the journal entry.']),
    voidReminder(),
  ];
  return modal({ callbackId: ids.formCallback, metadata: model.metadata, submit: 'Next' }, blocks);
}
