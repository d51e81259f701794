// Block Kit blocks → DOM, as the Slack client lays them out: sections with text, fields and an
// accessory, headers, context, dividers, actions, inputs with label/hint/error, images.
import { plainText, renderInput } from './inputs.js';
import { renderMrkdwn, safeHref } from './mrkdwn.js';

function el(doc, tag, cls, text) {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A text object: mrkdwn rendered safely, plain_text as text. */
export function renderText(doc, t, names) {
  if (!t) return doc.createTextNode('');
  if (t.type === 'mrkdwn') return renderMrkdwn(doc, t.text ?? '', names);
  return doc.createTextNode(t.text ?? '');
}

/**
 * @param {Document} doc
 * @param {object[]} blocks
 * @param {object} ctx names, people, errors, state(blockId, actionId), change(...), act(...),
 *   suggest(...), confirm(dialog)
 */
export function renderBlocks(doc, blocks, ctx) {
  const container = el(doc, 'div', 'blocks');
  for (const block of blocks ?? []) container.append(renderBlock(doc, block, ctx));
  return container;
}

function renderBlock(doc, block, ctx) {
  const blockId = String(block.block_id ?? '');
  const text = (t) => renderText(doc, t, ctx.names);
  const node = el(doc, 'div', `block block-${String(block.type)}`);
  node.dataset.blockId = blockId;
  switch (block.type) {
    case 'header':
      node.append(el(doc, 'h3', 'header', plainText(block.text)));
      break;
    case 'divider':
      node.append(el(doc, 'hr'));
      break;
    case 'section': {
      const body = el(doc, 'div', 'section-body');
      if (block.text) body.append(el(doc, 'div', 'section-text'));
      body.lastChild?.append(text(block.text));
      if (Array.isArray(block.fields)) {
        const fields = el(doc, 'div', 'fields');
        for (const field of block.fields) {
          const cell = el(doc, 'div', 'field');
          cell.append(text(field));
          fields.append(cell);
        }
        body.append(fields);
      }
      node.append(body);
      if (block.accessory) {
        const accessory = el(doc, 'div', 'accessory');
        accessory.append(renderElement(doc, block.accessory, blockId, ctx, true));
        node.append(accessory);
      }
      break;
    }
    case 'context':
      for (const element of block.elements ?? []) {
        const part = el(doc, 'span', 'context-part');
        part.append(element.type === 'image' ? imageAlt(doc, element) : text(element));
        node.append(part);
      }
      break;
    case 'actions':
      for (const element of block.elements ?? []) {
        node.append(renderElement(doc, element, blockId, ctx, true));
      }
      break;
    case 'input': {
      const label = el(doc, 'label', 'input-label', plainText(block.label));
      if (block.optional) label.append(el(doc, 'span', 'optional', ' (optional)'));
      node.append(label);
      if (block.element) {
        node.append(
          renderElement(doc, block.element, blockId, ctx, block.dispatch_action === true),
        );
      }
      if (block.hint) node.append(el(doc, 'div', 'hint', plainText(block.hint)));
      break;
    }
    case 'image':
      node.append(imageAlt(doc, block));
      break;
    default:
      node.append(el(doc, 'div', 'unsupported', `[${String(block.type)} block]`));
  }
  const error = ctx.errors?.[blockId];
  if (error) node.append(el(doc, 'div', 'input-error', error));
  return node;
}

// Images from elsewhere are never loaded (the page's policy forbids it); the alt text shows.
function imageAlt(doc, image) {
  const node = el(doc, 'span', 'image-alt', `🖼 ${image.alt_text ?? 'image'}`);
  return node;
}

function renderElement(doc, element, blockId, ctx, dispatches) {
  if (element.type === 'button') return button(doc, element, blockId, ctx);
  if (element.type === 'image') return imageAlt(doc, element);
  const actionId = String(element.action_id ?? '');
  const wrapper = el(doc, 'div', 'element');
  wrapper.append(
    renderInput(doc, element, {
      state: () => ctx.state(blockId, actionId),
      change: (state, forceDispatch) => {
        ctx.change(blockId, actionId, state);
        if (dispatches || forceDispatch) {
          const { type: _type, ...chosen } = state;
          void ctx.act(element, blockId, chosen);
        }
      },
      suggest: (query) => ctx.suggest(blockId, actionId, query),
      text: (t) => renderText(doc, t, ctx.names),
      people: ctx.people,
    }),
  );
  return wrapper;
}

function button(doc, element, blockId, ctx) {
  const node = el(doc, 'button', `btn ${element.style ? `btn-${element.style}` : ''}`.trim());
  node.type = 'button';
  node.textContent = plainText(element.text);
  node.dataset.actionId = String(element.action_id ?? '');
  node.addEventListener('click', async () => {
    if (element.confirm && !(await ctx.confirm(element.confirm))) return;
    const href = element.url ? safeHref(element.url) : undefined;
    if (href) window.open(href, '_blank', 'noopener,noreferrer');
    node.disabled = true;
    try {
      await ctx.act(element, blockId, {});
    } finally {
      node.disabled = false;
    }
  });
  return node;
}
