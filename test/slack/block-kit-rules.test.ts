// Block Kit structure rules (fallback text, shapes, view types, required fields, unique ids, the
// cumulative text cap), block_suggestion answers, and known-good Slack payloads that must pass.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMessage, checkOptionsResponse, checkView } from '../../src/slack/block-kit-limits.ts';
import { actions, button, input, md, message, modal, options, s, text } from './block-kit-cases.ts';

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
