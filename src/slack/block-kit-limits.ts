// Slack rejects over-limit Block Kit with `invalid_blocks` / `invalid_arguments` at run time, in
// production, after the user has done the work. This checker applies the documented limits
// (from Slack's reference pages and @slack/types) to what a test records, so over-limit content
// fails a test instead of a user. Only tests and the sandbox's fake Web API call it; the product
// does not check its own views at run time.
//
// It walks plain JSON (not typed builders) so it checks exactly what goes on the wire. Lengths
// are counted in UTF-16 code units, which is never less than what Slack counts, so a pass here is
// a pass there.

import {
  asArray,
  BLOCK_KIT_LIMITS,
  type BlockKitProblem,
  checkElement,
  checkOptionGroups,
  checkOptions,
  isObject,
  type Json,
  maxCount,
  maxLength,
  type Report,
  textOf,
} from './block-kit-rules.ts';

export { BLOCK_KIT_LIMITS, type BlockKitProblem } from './block-kit-rules.ts';

const L = BLOCK_KIT_LIMITS;

/** Checks a `chat.postMessage` / `chat.update` / `chat.postEphemeral` / respond() body. */
export function checkMessage(message: unknown): BlockKitProblem[] {
  const problems: BlockKitProblem[] = [];
  const report: Report = (pointer, rule, text) => problems.push({ pointer, rule, message: text });
  if (!isObject(message)) {
    report('', 'message.shape', 'a message must be an object');
    return problems;
  }
  const text = typeof message.text === 'string' ? message.text.trim() : '';
  if (text === '') {
    report('/text', 'message.text.fallback', 'a message needs a plain `text` fallback');
  }
  maxLength(report, '/text', 'message.text.length', message.text, L.messageText);
  checkBlocks(report, message.blocks, L.messageBlocks);
  const total = blocksTextLength(message.blocks);
  if (total > L.messageBlocksText) {
    report(
      '/blocks',
      'message.blocks.text_total',
      `text in all blocks must total at most ${L.messageBlocksText} characters (has ${total})`,
    );
  }
  return problems;
}

/** Sum of every `text` string anywhere in the blocks (what msg_blocks_too_long counts). */
function blocksTextLength(value: unknown): number {
  if (Array.isArray(value))
    return value.reduce<number>((sum, item) => sum + blocksTextLength(item), 0);
  if (!isObject(value)) return 0;
  return Object.entries(value).reduce<number>(
    (sum, [key, item]) =>
      sum + (key === 'text' && typeof item === 'string' ? item.length : blocksTextLength(item)),
    0,
  );
}

/** Checks a modal or Home tab view (`views.open` / `update` / `push` / `publish`). */
export function checkView(view: unknown): BlockKitProblem[] {
  const problems: BlockKitProblem[] = [];
  const report: Report = (pointer, rule, text) => problems.push({ pointer, rule, message: text });
  if (!isObject(view) || (view.type !== 'modal' && view.type !== 'home')) {
    report('/type', 'view.type', 'a view must have type "modal" or "home"');
    return problems;
  }
  maxLength(
    report,
    '/private_metadata',
    'view.private_metadata.length',
    view.private_metadata,
    L.privateMetadata,
  );
  maxLength(report, '/callback_id', 'view.callback_id.length', view.callback_id, L.callbackId);
  maxLength(report, '/external_id', 'view.external_id.length', view.external_id, L.externalId);
  if (view.type === 'modal') checkModalChrome(report, view);
  checkBlocks(report, view.blocks, L.viewBlocks);
  return problems;
}

function checkModalChrome(report: Report, view: Json): void {
  if (textOf(view.title) === undefined)
    report('/title', 'view.title.required', 'a modal needs a title');
  for (const key of ['title', 'submit', 'close'] as const) {
    const limit = key === 'title' ? L.viewTitle : L.viewButton;
    maxLength(report, `/${key}/text`, `view.${key}.length`, textOf(view[key]), limit);
  }
  const hasInput = asArray(view.blocks).some((block) => isObject(block) && block.type === 'input');
  if (hasInput && textOf(view.submit) === undefined) {
    report('/submit', 'view.submit.required', 'a modal with input blocks must define submit');
  }
}

function checkBlocks(report: Report, blocks: unknown, maxBlocks: number): void {
  if (blocks === undefined) return;
  const list = asArray(blocks);
  if (list.length > maxBlocks) {
    report(
      '/blocks',
      'blocks.count',
      `no more than ${maxBlocks} blocks allowed (has ${list.length})`,
    );
  }
  const seenBlockIds = new Set<string>();
  list.forEach((block, index) => {
    const pointer = `/blocks/${index}`;
    if (!isObject(block)) {
      report(pointer, 'block.shape', 'a block must be an object');
      return;
    }
    checkBlockId(report, pointer, block.block_id, seenBlockIds);
    checkBlock(report, pointer, block);
  });
}

function checkBlockId(report: Report, pointer: string, blockId: unknown, seen: Set<string>): void {
  if (typeof blockId !== 'string') return;
  maxLength(report, `${pointer}/block_id`, 'block_id.length', blockId, L.blockId);
  if (seen.has(blockId)) {
    report(`${pointer}/block_id`, 'block_id.unique', `block_id "${blockId}" is used twice`);
  }
  seen.add(blockId);
}

function checkBlock(report: Report, pointer: string, block: Json): void {
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section':
      checkSection(report, pointer, block, actionIds);
      break;
    case 'header':
      maxLength(
        report,
        `${pointer}/text/text`,
        'header.text.length',
        textOf(block.text),
        L.headerText,
      );
      break;
    case 'context':
      maxCount(
        report,
        `${pointer}/elements`,
        'context.elements.count',
        block.elements,
        L.contextElements,
      );
      asArray(block.elements).forEach((element, i) => {
        maxLength(
          report,
          `${pointer}/elements/${i}/text`,
          'context.text.length',
          textOf(element),
          L.contextText,
        );
      });
      break;
    case 'actions':
      maxCount(
        report,
        `${pointer}/elements`,
        'actions.elements.count',
        block.elements,
        L.actionsElements,
      );
      asArray(block.elements).forEach((element, i) => {
        checkElement(report, `${pointer}/elements/${i}`, element, actionIds);
      });
      break;
    case 'input':
      maxLength(
        report,
        `${pointer}/label/text`,
        'input.label.length',
        textOf(block.label),
        L.inputLabel,
      );
      maxLength(
        report,
        `${pointer}/hint/text`,
        'input.hint.length',
        textOf(block.hint),
        L.inputHint,
      );
      checkElement(report, `${pointer}/element`, block.element, actionIds);
      break;
    default:
      break;
  }
}

function checkSection(report: Report, pointer: string, block: Json, actionIds: Set<string>): void {
  maxLength(
    report,
    `${pointer}/text/text`,
    'section.text.length',
    textOf(block.text),
    L.sectionText,
  );
  maxCount(report, `${pointer}/fields`, 'section.fields.count', block.fields, L.sectionFields);
  asArray(block.fields).forEach((field, i) => {
    maxLength(
      report,
      `${pointer}/fields/${i}/text`,
      'section.field.length',
      textOf(field),
      L.sectionFieldText,
    );
  });
  if (block.accessory !== undefined)
    checkElement(report, `${pointer}/accessory`, block.accessory, actionIds);
}

/** Checks the body an `app.options` listener acks with. */
export function checkOptionsResponse(response: unknown): BlockKitProblem[] {
  const problems: BlockKitProblem[] = [];
  const report: Report = (pointer, rule, text) => problems.push({ pointer, rule, message: text });
  if (!isObject(response))
    return [{ pointer: '', rule: 'options.shape', message: 'must be an object' }];
  maxCount(report, '/options', 'select.options.count', response.options, L.selectOptions);
  checkOptions(report, '/options', response.options);
  checkOptionGroups(report, '', response.option_groups);
  return problems;
}
