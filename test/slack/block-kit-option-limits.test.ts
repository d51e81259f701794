// Block Kit limits of selects and options, one test per rule (block-kit-cases.ts runs them):
// option counts of each element, option groups, and the text, value and description of an option.
import { BLOCK_KIT_LIMITS as L } from '../../src/slack/block-kit-limits.ts';
import {
  accessory,
  type Case,
  describeLimits,
  input,
  message,
  modal,
  msg,
  option,
  options,
  s,
  text,
  view,
} from './block-kit-cases.ts';

const cases: Case[] = [
  [
    'select.options.count',
    L.selectOptions,
    '/blocks/0/element/options',
    (n) => modal({}, [input({ type: 'static_select', action_id: 'a', options: options(n) })]),
    view,
  ],
  [
    'select.option_groups.count',
    L.optionGroups,
    '/blocks/0/element/option_groups',
    (n) =>
      modal({}, [
        input({
          type: 'static_select',
          action_id: 'a',
          option_groups: Array.from({ length: n }, () => ({ label: text(1), options: options(1) })),
        }),
      ]),
    view,
  ],
  [
    'option_group.label.length',
    L.optionGroupLabel,
    '/blocks/0/element/option_groups/0/label/text',
    (n) =>
      modal({}, [
        input({
          type: 'static_select',
          action_id: 'a',
          option_groups: [{ label: text(n), options: options(1) }],
        }),
      ]),
    view,
  ],
  [
    'checkboxes.options.count',
    L.checkboxOrRadioOptions,
    '/blocks/0/element/options',
    (n) => modal({}, [input({ type: 'checkboxes', action_id: 'a', options: options(n) })]),
    view,
  ],
  [
    'radio_buttons.options.count',
    L.checkboxOrRadioOptions,
    '/blocks/0/element/options',
    (n) => modal({}, [input({ type: 'radio_buttons', action_id: 'a', options: options(n) })]),
    view,
  ],
  [
    'overflow.options.count',
    L.overflowOptions,
    '/blocks/0/accessory/options',
    (n) => message(accessory({ type: 'overflow', action_id: 'o', options: options(n) })),
    msg,
  ],
  [
    'option.text.length',
    L.optionText,
    '/blocks/0/accessory/options/0/text/text',
    (n) =>
      message(
        accessory({
          type: 'overflow',
          action_id: 'o',
          options: [{ text: text(n), value: 'v' }, option(1)],
        }),
      ),
    msg,
  ],
  [
    'option.value.length',
    L.optionValue,
    '/blocks/0/element/options/0/value',
    (n) =>
      modal({}, [
        input({ type: 'static_select', action_id: 'a', options: [{ text: text(1), value: s(n) }] }),
      ]),
    view,
  ],
  [
    'option.description.length',
    L.optionDescription,
    '/blocks/0/element/options/0/description/text',
    (n) =>
      modal({}, [
        input({
          type: 'radio_buttons',
          action_id: 'a',
          options: [{ text: text(1), value: 'v', description: text(n) }],
        }),
      ]),
    view,
  ],
  [
    'option.text.length (initial_option)',
    L.optionText,
    '/blocks/0/element/initial_option/text/text',
    (n) =>
      modal({}, [
        input({
          type: 'external_select',
          action_id: 'a',
          initial_option: { text: text(n), value: 'v' },
        }),
      ]),
    view,
  ],
];

describeLimits(cases);
