// A handful of Block Kit helpers (not a DSL): block types stay visible at the call site and the
// output stays plain JSON for snapshots and for block-kit-limits.ts.
import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;

export const plainText = (text: string): types.PlainTextElement => ({
  type: 'plain_text',
  text,
  emoji: true,
});

export const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

export const header = (text: string, blockId?: string): types.HeaderBlock => ({
  type: 'header',
  text: plainText(text),
  ...(blockId === undefined ? {} : { block_id: blockId }),
});

export const section = (text: string, blockId?: string): types.SectionBlock => ({
  type: 'section',
  text: mrkdwn(text),
  ...(blockId === undefined ? {} : { block_id: blockId }),
});

export const fields = (texts: readonly string[], blockId?: string): types.SectionBlock => ({
  type: 'section',
  fields: texts.map(mrkdwn),
  ...(blockId === undefined ? {} : { block_id: blockId }),
});

export const context = (texts: readonly string[], blockId?: string): types.ContextBlock => ({
  type: 'context',
  elements: texts.map(mrkdwn),
  ...(blockId === undefined ? {} : { block_id: blockId }),
});

export const divider = (): types.DividerBlock => ({ type: 'divider' });

/**
 * Cuts text to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. Use for
 * user-supplied text (customer names, comments) headed for a length-limited field.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** `<@U123>` mention. */
export const mentionUser = (userId: string): string => `<@${userId}>`;
/** `<#C123>` channel link. */
export const mentionChannel = (channelId: string): string => `<#${channelId}>`;
