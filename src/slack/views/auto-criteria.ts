// The "Automatic criteria" step of the write-off modal (docs/automatic-write-offs.md). Pure: what
// it shows comes in the model. The value's label follows the type, and the two "FC By (%)"
// options appear only for finance charge; changing the type re-renders the view (dispatch_action)
// with what was typed so far.
import type { types } from '@slack/bolt';
import type { AutoFormData, AutoFormInput } from '../../app/auto-form.ts';
import { context, plainText, truncate } from '../blocks.ts';
import { autoIds as ids } from '../ids.ts';
import { type ModalView, modal, voidReminder } from './manual-common.ts';
import { reasonInputBlocks, reasonInputsModel } from './reason-inputs.ts';

export interface AutoCriteriaViewModel {
  readonly metadata: string;
  readonly data: AutoFormData;
  /** What the form showed last (initial values); empty for a fresh form. */
  readonly values: Partial<AutoFormInput>;
}

type Described = { readonly value: string; readonly label: string; readonly description: string };

const TYPES: readonly Described[] = [
  {
    value: 'finance-charge',
    label: 'By finance charge',
    description: 'Write off finance charges up to an amount or a percentage.',
  },
  {
    value: 'invoice-balance',
    label: 'By invoice balance',
    description: 'Write off invoices whose balance is less than an amount.',
  },
  {
    value: 'account-balance',
    label: 'By account balance',
    description: 'Write off customers whose whole balance is less than an amount.',
  },
];

const FC_OPTIONS: readonly Described[] = [
  {
    value: 'all-lines',
    label: 'FC By (%) on all lines',
    description: 'The percentage of every line’s finance charge.',
  },
  {
    value: 'from-line-1',
    label: 'FC By (%) from line 1',
    description: 'The percentage of the invoice’s finance charges, taken from line 1 on.',
  },
];

const radio = (c: Described): types.PlainTextOption => ({
  text: plainText(c.label),
  value: c.value,
  description: plainText(c.description),
});

const option = (value: string, label: string): types.PlainTextOption => ({
  text: plainText(truncate(label, 75)),
  value,
});

function optional(
  blockId: string,
  label: string,
  element: types.InputBlockElement,
  hint?: string,
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plainText(label),
    element,
    ...(hint === undefined ? {} : { hint: plainText(hint) }),
  };
}

function externalSelect(actionId: string, placeholder: string, initial: string | null | undefined) {
  return {
    type: 'external_select' as const,
    action_id: actionId,
    placeholder: plainText(placeholder),
    min_query_length: 1,
    ...(initial ? { initial_option: option(initial, initial) } : {}),
  };
}

export function autoCriteriaView(model: AutoCriteriaViewModel): ModalView {
  const { data, values } = model;
  const type = TYPES.find((t) => t.value === values.type) ?? TYPES[0];
  const isFc = type?.value === 'finance-charge';
  const blocks: types.KnownBlock[] = [
    {
      type: 'input',
      block_id: ids.typeBlock,
      dispatch_action: true,
      label: plainText('Write off by'),
      element: {
        type: 'radio_buttons',
        action_id: ids.typeAction,
        options: TYPES.map(radio),
        ...(type === undefined ? {} : { initial_option: radio(type) }),
      },
    },
    {
      type: 'input',
      block_id: ids.valueBlock,
      label: plainText(isFc ? 'FC amount or percentage' : 'Balances less than'),
      hint: plainText(
        isFc
          ? `An amount in ${data.currency}, or a percentage (0 to 100) with one FC By (%) option.`
          : `An amount in ${data.currency}; items whose balance is below it are written off.`,
      ),
      element: {
        type: 'plain_text_input',
        action_id: ids.valueAction,
        placeholder: plainText(isFc ? 'e.g. 50.00 or 25' : 'e.g. 10.00'),
        ...(values.value ? { initial_value: values.value } : {}),
      },
    },
  ];
  if (isFc) {
    const chosen = FC_OPTIONS.filter((o) => values.fcOptions?.includes(o.value));
    blocks.push(
      optional(
        ids.fcBlock,
        'FC By (%)',
        {
          type: 'checkboxes',
          action_id: ids.fcAction,
          options: FC_OPTIONS.map(radio),
          ...(chosen.length > 0 ? { initial_options: chosen.map(radio) } : {}),
        },
        'Leave both empty for an amount; tick one to read the value as a percentage.',
      ),
    );
  }
  blocks.push(
    {
      type: 'input',
      block_id: ids.olderThanBlock,
      label: plainText('Older than'),
      hint: plainText(
        'A date (YYYY-MM-DD) or a number of days before the write-off date, e.g. 90.',
      ),
      element: {
        type: 'plain_text_input',
        action_id: ids.olderThanAction,
        placeholder: plainText('e.g. 90 or 2026-03-01'),
        ...(values.olderThan ? { initial_value: values.olderThan } : {}),
      },
    },
    optional(
      ids.startBlock,
      'Start date',
      {
        type: 'datepicker',
        action_id: ids.startAction,
        ...(values.startDate ? { initial_date: values.startDate } : {}),
      },
      'Only items dated on or after it.',
    ),
    optional(
      ids.customerFromBlock,
      'Customers from',
      externalSelect(ids.customerFromAction, 'Type a customer id or name', values.customerFrom),
    ),
    optional(
      ids.customerToBlock,
      'Customers to',
      externalSelect(ids.customerToAction, 'Type a customer id or name', values.customerTo),
      'Both ends included; leave both empty for every customer.',
    ),
    optional(
      ids.invoiceFromBlock,
      'Invoices from',
      externalSelect(ids.invoiceFromAction, 'Type an invoice number', values.invoiceFrom),
    ),
    optional(
      ids.invoiceToBlock,
      'Invoices to',
      externalSelect(ids.invoiceToAction, 'Type an invoice number', values.invoiceTo),
      'Both ends included; leave both empty for every invoice.',
    ),
    periodBlock(model),
    {
      type: 'input',
      block_id: ids.dateBlock,
      label: plainText('Write-off date'),
      hint: plainText('Informational; the period decides where the entry is posted.'),
      element: {
        type: 'datepicker',
        action_id: ids.dateAction,
        initial_date: values.date ?? data.today,
      },
    },
    accountBlock(model, isFc),
    {
      type: 'input',
      block_id: ids.commentBlock,
      label: plainText('Comment'),
      element: {
        type: 'plain_text_input',
        action_id: ids.commentAction,
        multiline: true,
        max_length: 500,
        placeholder: plainText('Why these write-offs; the approver and the auditors read it.'),
        ...(values.comment ? { initial_value: values.comment } : {}),
      },
    },
    ...reasonInputBlocks(
      reasonInputsModel(data.reasons, data.currency, {
        selected: values.reasonCode ?? null,
        evidence: values.evidence ?? null,
        grossMinor: null,
      }),
    ),
    context(['Next: a preview with the totals, the journal entry and the detail as a CSV file.']),
    voidReminder(),
  );
  return modal(
    { callbackId: ids.criteriaCallback, metadata: model.metadata, submit: 'Preview' },
    blocks,
  );
}

function periodBlock(model: AutoCriteriaViewModel): types.InputBlock {
  const periods = model.data.openPeriods.slice(0, 100).map((p) => option(p.name, p.name));
  const chosen = model.values.period ?? model.data.defaultPeriod;
  const initial = periods.find((p) => p.value === chosen);
  return {
    type: 'input',
    block_id: ids.periodBlock,
    label: plainText('Fiscal period'),
    hint: plainText('Only open periods are listed; both sides of the entry land here.'),
    element: {
      type: 'static_select',
      action_id: ids.periodAction,
      placeholder: plainText('Choose an open period'),
      options: periods,
      ...(initial === undefined ? {} : { initial_option: initial }),
    },
  };
}

// Finance-charge runs always debit the FC write-off account (ADR 003): shown, not offered.
function accountBlock(model: AutoCriteriaViewModel, isFc: boolean): types.KnownBlock {
  const { data } = model;
  if (isFc) {
    return context(
      [`Write-off account: ${data.fcWriteOffAccount} (finance charges always go there).`],
      ids.accountBlock,
    );
  }
  const accounts = data.writeOffAccounts
    .slice(0, 100)
    .map((a) => option(a.code, `${a.code} ${a.name}`));
  const initial = accounts.find((a) => a.value === model.values.account) ?? accounts[0];
  return {
    type: 'input',
    block_id: ids.accountBlock,
    label: plainText('Write-off account'),
    element: {
      type: 'static_select',
      action_id: ids.accountAction,
      options: accounts,
      ...(initial === undefined ? {} : { initial_option: initial }),
    },
  };
}
