// Builders for the Block Kit limit tests: surfaces of a chosen size `n` (text, options, modals,
// buttons, inputs), and the runner that checks one rule per case: at Slack's limit it passes, one
// over it fails with exactly that rule at the expected JSON pointer.
import { describe, expect, it } from 'vitest';
import { checkMessage, checkView } from '../../src/slack/block-kit-limits.ts';

export type Json = Record<string, unknown>;
export const s = (n: number) => 'x'.repeat(n);
export const text = (n: number) => ({ type: 'plain_text', text: s(n) });
export const md = (n: number) => ({ type: 'mrkdwn', text: s(n) });
export const option = (i: number) => ({
  text: { type: 'plain_text', text: `o${i}` },
  value: `v${i}`,
});
export const options = (n: number) => Array.from({ length: n }, (_, i) => option(i));
export const message = (...blocks: Json[]) => ({ text: 'fallback', blocks });
export const modal = (extra: Json = {}, blocks: Json[] = []) => ({
  type: 'modal',
  title: text(5),
  submit: text(6),
  close: text(6),
  blocks,
  ...extra,
});
export const actions = (...elements: Json[]) => ({ type: 'actions', elements });
export const button = (extra: Json = {}) => ({
  type: 'button',
  action_id: 'b',
  text: text(4),
  ...extra,
});
export const input = (element: Json, extra: Json = {}) => ({
  type: 'input',
  label: text(5),
  element,
  ...extra,
});
export const accessory = (element: Json) => ({ type: 'section', text: md(3), accessory: element });
export const confirm = (key: string, n: number) => ({
  title: text(3),
  text: text(3),
  confirm: text(3),
  deny: text(3),
  [key]: text(n),
});

/** A rule, its limit, the JSON pointer a failure names, the surface of size n, its checker. */
export type Case = readonly [
  rule: string,
  limit: number,
  pointer: string,
  build: (n: number) => unknown,
  check: (v: unknown) => ReturnType<typeof checkMessage>,
];
export const msg = checkMessage;
export const view = checkView;

export function describeLimits(cases: readonly Case[]): void {
  describe('Block Kit limits: at the limit passes, one over fails', () => {
    it.each(cases)('%s (limit %i)', (rule, limit, pointer, build, check) => {
      expect(check(build(limit))).toEqual([]);
      const problems = check(build(limit + 1));
      const baseRule = rule.replace(/ \(.*\)$/, '');
      expect(problems).toEqual([expect.objectContaining({ rule: baseRule, pointer })]);
      expect(problems[0]?.message).toMatch(String(limit));
    });
  });
}
