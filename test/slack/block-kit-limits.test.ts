// Block Kit limits of blocks and their text, one test per rule (block-kit-cases.ts runs them):
// block counts, message, section, header and context text, actions, buttons and inputs. Options
// and selects are in block-kit-option-limits.test.ts, ids, confirm dialogs and view fields in
// block-kit-field-limits.test.ts, the structure rules in block-kit-rules.test.ts.
import { BLOCK_KIT_LIMITS as L } from '../../src/slack/block-kit-limits.ts';
import {
  actions,
  button,
  type Case,
  describeLimits,
  input,
  md,
  message,
  modal,
  msg,
  s,
  text,
  view,
} from './block-kit-cases.ts';

const cases: Case[] = [
  [
    'blocks.count (message)',
    L.messageBlocks,
    '/blocks',
    (n) => message(...Array.from({ length: n }, () => ({ type: 'divider' }))),
    msg,
  ],
  [
    'blocks.count (modal)',
    L.viewBlocks,
    '/blocks',
    (n) =>
      modal(
        {},
        Array.from({ length: n }, () => ({ type: 'divider' })),
      ),
    view,
  ],
  [
    'blocks.count (home)',
    L.viewBlocks,
    '/blocks',
    (n) => ({ type: 'home', blocks: Array.from({ length: n }, () => ({ type: 'divider' })) }),
    view,
  ],
  ['message.text.length', L.messageText, '/text', (n) => ({ text: s(n) }), msg],
  [
    'section.text.length',
    L.sectionText,
    '/blocks/0/text/text',
    (n) => message({ type: 'section', text: md(n) }),
    msg,
  ],
  [
    'section.fields.count',
    L.sectionFields,
    '/blocks/0/fields',
    (n) => message({ type: 'section', fields: Array.from({ length: n }, () => md(2)) }),
    msg,
  ],
  [
    'section.field.length',
    L.sectionFieldText,
    '/blocks/0/fields/1/text',
    (n) => message({ type: 'section', fields: [md(1), md(n)] }),
    msg,
  ],
  [
    'header.text.length',
    L.headerText,
    '/blocks/0/text/text',
    (n) => message({ type: 'header', text: text(n) }),
    msg,
  ],
  [
    'context.elements.count',
    L.contextElements,
    '/blocks/0/elements',
    (n) => message({ type: 'context', elements: Array.from({ length: n }, () => md(1)) }),
    msg,
  ],
  [
    'context.text.length',
    L.contextText,
    '/blocks/0/elements/0/text',
    (n) => message({ type: 'context', elements: [md(n)] }),
    msg,
  ],
  [
    'actions.elements.count',
    L.actionsElements,
    '/blocks/0/elements',
    (n) => message(actions(...Array.from({ length: n }, (_, i) => button({ action_id: `b${i}` })))),
    msg,
  ],
  [
    'button.text.length',
    L.buttonText,
    '/blocks/0/elements/0/text/text',
    (n) => message(actions(button({ text: text(n) }))),
    msg,
  ],
  [
    'button.value.length',
    L.buttonValue,
    '/blocks/0/elements/0/value',
    (n) => message(actions(button({ value: s(n) }))),
    msg,
  ],
  [
    'input.label.length',
    L.inputLabel,
    '/blocks/0/label/text',
    (n) => modal({}, [input({ type: 'plain_text_input', action_id: 'a' }, { label: text(n) })]),
    view,
  ],
  [
    'input.hint.length',
    L.inputHint,
    '/blocks/0/hint/text',
    (n) => modal({}, [input({ type: 'plain_text_input', action_id: 'a' }, { hint: text(n) })]),
    view,
  ],
  [
    'placeholder.length',
    L.placeholder,
    '/blocks/0/element/placeholder/text',
    (n) => modal({}, [input({ type: 'plain_text_input', action_id: 'a', placeholder: text(n) })]),
    view,
  ],
];

describeLimits(cases);
