// Test assertions over src/slack/block-kit-limits.ts: every view and message a test builds goes
// through one of these, and a failure lists each problem with its JSON pointer.
import { expect } from 'vitest';
import {
  type BlockKitProblem,
  checkMessage,
  checkOptionsResponse,
  checkView,
} from '../../src/slack/block-kit-limits.ts';

export { checkMessage, checkOptionsResponse, checkView };

const describeProblems = (problems: readonly BlockKitProblem[]): string =>
  problems.map((p) => `${p.pointer || '/'}: ${p.message} (${p.rule})`).join('\n');

function expectNoProblems(kind: string, problems: readonly BlockKitProblem[]): void {
  expect(problems, `${kind} breaks Block Kit limits:\n${describeProblems(problems)}`).toEqual([]);
}

/** A `chat.*` / respond() / ack() message body. */
export function expectValidMessage(message: unknown): void {
  expectNoProblems('message', checkMessage(message));
}

/** A modal or Home tab view. */
export function expectValidView(view: unknown): void {
  expectNoProblems('view', checkView(view));
}

/** An `app.options` answer (`{ options }` / `{ option_groups }`). */
export function expectValidOptions(response: unknown): void {
  expectNoProblems('options response', checkOptionsResponse(response));
}
