// What rendered blocks may do, for a view (modal or Home: typed state kept per view, sent along
// as view.state.values) and for a message (state kept locally), and Slack's confirm dialog.
import { interact } from './api.js';
import { renderText } from './blocks.js';
import { initialState, plainText } from './inputs.js';
import { app, doc, el, names } from './page.js';

function typedFor(viewId) {
  if (!app.typed.has(viewId)) app.typed.set(viewId, {});
  return app.typed.get(viewId);
}

function statefulElements(block) {
  if (block.type === 'input') return block.element ? [block.element] : [];
  if (block.type === 'actions') return block.elements ?? [];
  if (block.type === 'section') return block.accessory ? [block.accessory] : [];
  return [];
}

/** `view.state.values` as the Slack client sends it: typed input over initial values. */
export function stateValues(open) {
  const typed = typedFor(open.viewId);
  const values = {};
  for (const block of open.view.blocks ?? []) {
    const blockId = String(block.block_id ?? '');
    for (const element of statefulElements(block)) {
      const actionId = String(element.action_id ?? '');
      const state = typed[blockId]?.[actionId] ?? initialState(element);
      if (state === undefined) continue;
      values[blockId] = { ...values[blockId], [actionId]: state };
    }
  }
  return values;
}

export function viewContext(open) {
  const typed = typedFor(open.viewId);
  return {
    names,
    people: app.snapshot.people,
    errors: open.errors,
    state: (blockId, actionId) => typed[blockId]?.[actionId],
    change: (blockId, actionId, state) => {
      typed[blockId] = { ...typed[blockId], [actionId]: state };
    },
    act: (element, blockId, chosen) =>
      interact({
        kind: 'action',
        viewId: open.viewId,
        blockId,
        actionId: element.action_id,
        chosen,
        values: stateValues(open),
      }),
    suggest: async (blockId, actionId, value) => {
      const result = await interact({
        kind: 'suggest',
        viewId: open.viewId,
        blockId,
        actionId,
        value,
        values: stateValues(open),
      });
      const options = result.options ?? [];
      return options.flatMap((o) => (Array.isArray(o.options) ? o.options : [o]));
    },
    confirm,
  };
}

export function messageContext(message, ephemeral) {
  const local = {};
  return {
    names,
    people: app.snapshot.people,
    errors: {},
    state: (blockId, actionId) => local[blockId]?.[actionId],
    change: (blockId, actionId, state) => {
      local[blockId] = { ...local[blockId], [actionId]: state };
    },
    act: (element, blockId, chosen) =>
      interact({
        kind: 'action',
        channel: message?.channel ?? ephemeral?.channel,
        ...(message ? { ts: message.ts } : { ephemeralId: ephemeral.id }),
        blockId,
        actionId: element.action_id,
        chosen,
      }),
    suggest: async () => [],
    confirm,
  };
}

// ---- dialogs -----------------------------------------------------------------------------

/** Slack's confirmation dialog for buttons that carry `confirm`. */
export function confirm(dialog) {
  return new Promise((resolve) => {
    const overlay = el('div', 'overlay confirm-overlay');
    const box = el('div', 'dialog confirm-dialog');
    box.setAttribute('role', 'alertdialog');
    box.append(el('h2', '', plainText(dialog.title) || 'Are you sure?'));
    const body = el('div', 'dialog-text');
    body.append(renderText(doc, dialog.text, names));
    const buttons = el('div', 'dialog-buttons');
    const deny = el('button', 'btn', plainText(dialog.deny) || 'Cancel');
    const ok = el(
      'button',
      `btn btn-${dialog.style ?? 'primary'}`,
      plainText(dialog.confirm) || 'Yes',
    );
    const close = (answer) => {
      overlay.remove();
      resolve(answer);
    };
    deny.addEventListener('click', () => close(false));
    ok.addEventListener('click', () => close(true));
    buttons.append(deny, ok);
    box.append(body, buttons);
    overlay.append(box);
    doc.body.append(overlay);
  });
}
