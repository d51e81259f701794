// The open modal (the top of the view stack): its blocks, Close, and Submit, which checks
// required inputs first as the Slack client does.
import { interact } from './api.js';
import { renderBlocks } from './blocks.js';
import { stateValues, viewContext } from './contexts.js';
import { plainText } from './inputs.js';
import { $, app, doc, el } from './page.js';

/** Required inputs (not `optional`) left empty, by block id, worded as the Slack client does. */
function missingRequired(open) {
  const values = stateValues(open);
  const missing = {};
  for (const block of open.view.blocks ?? []) {
    if (block.type !== 'input' || block.optional === true || !block.element) continue;
    const blockId = String(block.block_id ?? '');
    const state = values[blockId]?.[String(block.element.action_id ?? '')];
    if (state === undefined || isEmptyState(state)) {
      missing[blockId] = 'Please complete this required field.';
    }
  }
  return missing;
}

function isEmptyState(state) {
  const value = Object.entries(state).find(([key]) => key !== 'type')?.[1];
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

export function renderModal() {
  renderModalWith(app.snapshot.modals.at(-1));
}

function renderModalWith(open) {
  const host = $('modal');
  const key = open ? JSON.stringify(open) : '';
  if (key === app.drawnModal) return;
  app.drawnModal = key;
  host.replaceChildren();
  host.hidden = open === undefined;
  if (open === undefined) return;
  const view = open.view;
  const box = el('div', 'dialog modal-dialog');
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', plainText(view.title));
  const head = el('div', 'modal-head');
  head.append(el('h2', 'modal-title', plainText(view.title)));
  if (app.snapshot.modals.length > 1)
    head.append(el('span', 'stack', `view ${app.snapshot.modals.length} of stack`));
  box.append(head);
  if (open.errors?.['']) box.append(el('div', 'input-error', open.errors['']));
  const body = el('div', 'modal-body');
  body.append(renderBlocks(doc, view.blocks, viewContext(open)));
  box.append(body);
  const buttons = el('div', 'dialog-buttons');
  const close = el('button', 'btn', plainText(view.close) || 'Close');
  close.type = 'button';
  close.addEventListener('click', () =>
    interact({ kind: 'close', viewId: open.viewId, values: stateValues(open) }),
  );
  buttons.append(close);
  if (view.submit) {
    const submit = el('button', 'btn btn-primary', plainText(view.submit));
    submit.type = 'button';
    submit.addEventListener('click', async () => {
      const missing = missingRequired(open);
      if (Object.keys(missing).length > 0) {
        // The Slack client checks required inputs itself and sends nothing until they are filled.
        app.drawnModal = '';
        renderModalWith({ ...open, errors: missing });
        return;
      }
      submit.disabled = true;
      await interact({ kind: 'submit', viewId: open.viewId, values: stateValues(open) });
      submit.disabled = false;
    });
    buttons.append(submit);
  }
  box.append(buttons);
  host.append(box);
}
