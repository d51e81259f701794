// Reading the bot's HTTP answers and the blocks it rendered, for the sandbox's interactions.
import type { InteractionResult } from './interaction-schema.ts';
import type { SignedResponse } from './slack-signing.ts';

type Json = Record<string, unknown>;

export function httpProblem(response: SignedResponse): InteractionResult {
  return { ok: false, error: `the app answered HTTP ${response.status}: ${response.text}` };
}

export function asBody(response: SignedResponse): Json {
  const parsed = response.json;
  if (typeof parsed === 'object' && parsed !== null) return parsed as Json;
  return { text: response.text };
}

export function blocksOf(view: Json): Json[] {
  return Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
}

/** The element with `actionId` in the block `blockId` (accessory, elements or input element). */
export function findElement(blocks: Json[], blockId: string, actionId: string): Json | undefined {
  for (const block of blocks) {
    if (String(block.block_id ?? '') !== blockId) continue;
    const elements = [
      ...(Array.isArray(block.elements) ? (block.elements as Json[]) : []),
      ...(block.accessory === undefined ? [] : [block.accessory as Json]),
      ...(block.element === undefined ? [] : [block.element as Json]),
    ];
    const found = elements.find((e) => e.action_id === actionId);
    if (found !== undefined) return found;
  }
  return undefined;
}
