// One test per rule: each case builds a surface with a size `n`; at Slack's limit it passes, one
// over it fails with exactly that rule at the expected JSON pointer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkMessage,
  checkOptionsResponse,
  checkView,
  BLOCK_KIT_LIMITS as L,
} from '../../src/slack/block-kit-limits.ts';

type Json = Record<string, unknown>;
const s = (n: number) => 'x'.repeat(n);
const text = (n: number) => ({ type: 'plain_text', text: s(n) });
const md = (n: number) => ({ type: 'mrkdwn', text: s(n) });
const option = (i: number) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `v${i}` });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(i));
const message = (...blocks: Json[]) => ({ text: 'fallback', blocks });
const modal = (extra: Json = {}, blocks: Json[] = []) => ({
  type: 'modal',
  title: text(5),
  submit: text(6),
  close: text(6),
  blocks,
  ...extra,
});
const actions = (...elements: Json[]) => ({ type: 'actions', elements });
const button = (extra: Json = {}) => ({ type: 'button', action_id: 'b', text: text(4), ...extra });
const input = (element: Json, extra: Json = {}) => ({
  type: 'input',
  label: text(5),
  element,
  ...extra,
});
const accessory = (element: Json) => ({ type: 'section', text: md(3), accessory: element });
const confirm = (key: string, n: number) => ({
  title: text(3),
  text: text(3),
  confirm: text(3),
  deny: text(3),
  [key]: text(n),
});

type Case = readonly [
  rule: string,
  limit: number,
  pointer: string,
  build: (n: number) => unknown,
  check: (v: unknown) => ReturnType<typeof checkMessage>,
];
const msg = checkMessage;
const view = checkView;

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
  [
    'block_id.length',
    L.blockId,
    '/blocks/0/block_id',
    (n) => message({ type: 'divider', block_id: s(n) }),
    msg,
  ],
  [
    'action_id.length',
    L.actionId,
    '/blocks/0/elements/0/action_id',
    (n) => message(actions(button({ action_id: s(n) }))),
    msg,
  ],
  [
    'confirm.title.length',
    L.confirmTitle,
    '/blocks/0/elements/0/confirm/title/text',
    (n) => message(actions(button({ confirm: confirm('title', n) }))),
    msg,
  ],
  [
    'confirm.text.length',
    L.confirmText,
    '/blocks/0/elements/0/confirm/text/text',
    (n) => message(actions(button({ confirm: confirm('text', n) }))),
    msg,
  ],
  [
    'confirm.confirm.length',
    L.confirmButton,
    '/blocks/0/elements/0/confirm/confirm/text',
    (n) => message(actions(button({ confirm: confirm('confirm', n) }))),
    msg,
  ],
  [
    'confirm.deny.length',
    L.confirmButton,
    '/blocks/0/elements/0/confirm/deny/text',
    (n) => message(actions(button({ confirm: confirm('deny', n) }))),
    msg,
  ],
  [
    'view.private_metadata.length',
    L.privateMetadata,
    '/private_metadata',
    (n) => modal({ private_metadata: s(n) }),
    view,
  ],
  [
    'view.callback_id.length',
    L.callbackId,
    '/callback_id',
    (n) => modal({ callback_id: s(n) }),
    view,
  ],
  [
    'view.external_id.length',
    L.externalId,
    '/external_id',
    (n) => modal({ external_id: s(n) }),
    view,
  ],
  ['view.title.length', L.viewTitle, '/title/text', (n) => modal({ title: text(n) }), view],
  ['view.submit.length', L.viewButton, '/submit/text', (n) => modal({ submit: text(n) }), view],
  ['view.close.length', L.viewButton, '/close/text', (n) => modal({ close: text(n) }), view],
];

describe('Block Kit limits: at the limit passes, one over fails', () => {
  it.each(cases)('%s (limit %i)', (rule, limit, pointer, build, check) => {
    expect(check(build(limit))).toEqual([]);
    const problems = check(build(limit + 1));
    const baseRule = rule.replace(/ \(.*\)$/, '');
    expect(problems).toEqual([expect.objectContaining({ rule: baseRule, pointer })]);
    expect(problems[0]?.message).toMatch(String(limit));
  });
});

describe('Block Kit structure rules', () => {
  it('message.text.fallback: a message needs plain text', () => {
    expect(checkMessage({ blocks: [{ type: 'divider' }] })).toEqual([
      expect.objectContaining({ rule: 'message.text.fallback', pointer: '/text' }),
    ]);
    expect(checkMessage({ text: '   ' })[0]?.rule).toBe('message.text.fallback');
  });

  it('message.shape and block.shape: non-objects are reported, not thrown on', () => {
    expect(checkMessage('hello')[0]?.rule).toBe('message.shape');
    expect(checkMessage({ text: 't', blocks: [42] })).toEqual([
      expect.objectContaining({ rule: 'block.shape', pointer: '/blocks/0' }),
    ]);
  });

  it('view.type: only modal and home views', () => {
    expect(checkView({ type: 'workflow_step' })[0]?.rule).toBe('view.type');
    expect(checkView(null)[0]?.rule).toBe('view.type');
  });

  it('view.title.required: a modal needs a title', () => {
    const { title: _omit, ...untitled } = modal();
    expect(checkView(untitled)).toEqual([expect.objectContaining({ rule: 'view.title.required' })]);
  });

  it('view.submit.required: a modal with input blocks needs submit', () => {
    const { submit: _omit, ...noSubmit } = modal({}, [
      input({ type: 'plain_text_input', action_id: 'a' }),
    ]);
    expect(checkView(noSubmit)).toEqual([
      expect.objectContaining({ rule: 'view.submit.required' }),
    ]);
    const { submit: _also, ...readOnly } = modal({}, [{ type: 'section', text: md(3) }]);
    expect(checkView(readOnly)).toEqual([]);
  });

  it('block_id.unique: no two blocks share a block_id', () => {
    const problems = checkMessage(
      message({ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }),
    );
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'block_id.unique', pointer: '/blocks/1/block_id' }),
    ]);
  });

  it('action_id.unique: unique within a block, reusable across blocks', () => {
    const twice = checkMessage(message(actions(button(), button())));
    expect(twice).toEqual([
      expect.objectContaining({
        rule: 'action_id.unique',
        pointer: '/blocks/0/elements/1/action_id',
      }),
    ]);
    expect(checkMessage(message(actions(button()), actions(button())))).toEqual([]);
  });

  it('message.blocks.text_total: all text in a message stays under the cumulative cap', () => {
    const sections = (each: number) =>
      Array.from({ length: 5 }, () => ({ type: 'section', text: md(each) }));
    expect(checkMessage(message(...sections(2400)))).toEqual([]);
    expect(checkMessage(message(...sections(2401)))).toEqual([
      expect.objectContaining({ rule: 'message.blocks.text_total', pointer: '/blocks' }),
    ]);
  });

  it('reports several problems in one pass', () => {
    const problems = checkMessage({
      blocks: [
        { type: 'header', text: text(151) },
        { type: 'section', text: md(3001) },
      ],
    });
    expect(problems.map((p) => p.rule)).toEqual([
      'message.text.fallback',
      'header.text.length',
      'section.text.length',
    ]);
  });
});

describe('options responses (block_suggestion answers)', () => {
  it('checks counts and option lengths of { options } and { option_groups }', () => {
    expect(checkOptionsResponse({ options: options(100) })).toEqual([]);
    expect(checkOptionsResponse({ options: options(101) })[0]).toMatchObject({
      rule: 'select.options.count',
      pointer: '/options',
    });
    expect(checkOptionsResponse({ options: [{ text: text(76), value: 'v' }] })[0]?.pointer).toBe(
      '/options/0/text/text',
    );
    const groups = {
      option_groups: [{ label: text(1), options: [{ text: text(1), value: s(76) }] }],
    };
    expect(checkOptionsResponse(groups)[0]).toMatchObject({
      rule: 'option.value.length',
      pointer: '/option_groups/0/options/0/value',
    });
    expect(checkOptionsResponse(7)[0]?.rule).toBe('options.shape');
  });
});

describe('known-good Slack payloads pass', () => {
  it('accepts Slack’s own approval-request blocks and the captured modal', () => {
    const read = (name: string) =>
      JSON.parse(
        readFileSync(new URL(`../fixtures/slack/${name}`, import.meta.url), 'utf8'),
      ) as unknown;
    expect(
      checkMessage({ text: 'New request', blocks: read('approval-request-blocks.json') }),
    ).toEqual([]);
    expect(checkView((read('view-submission.json') as { view: unknown }).view)).toEqual([]);
  });
});
