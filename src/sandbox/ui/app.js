// The sandbox page: a small Slack client for one workspace. It long-polls the workspace state,
// renders what the chosen person sees, and posts what they do to the sandbox server, which
// signs it and sends it to the bot exactly as Slack would (docs/sandbox.md).
import { renderBlocks, renderText } from './blocks.js';
import { initialState, plainText } from './inputs.js';
import { renderMrkdwn } from './mrkdwn.js';

const doc = document;
const $ = (id) => doc.getElementById(id);

const app = {
  me: '',
  place: { kind: 'channel', id: 'C0ARTEAM' },
  /** The open thread: `{ channel, ts }`. */
  thread: null,
  snapshot: null,
  /** What the person typed into open views: viewId → blockId → actionId → state. */
  typed: new Map(),
  drawnModal: '',
  poll: null,
};

function el(tag, cls, text) {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

const names = {
  personName: (id) =>
    id === app.snapshot?.botUserId
      ? 'writeoff'
      : app.snapshot?.people.find((p) => p.id === id)?.name,
  channelName: (id) => app.snapshot?.channels.find((c) => c.id === id)?.name,
};

// ---- talking to the sandbox server --------------------------------------------------------

async function interact(body) {
  setStatus('sending…');
  try {
    const response = await fetch('/api/interact', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: app.me, ...body }),
    });
    const result = await response.json();
    if (!result.ok) setStatus(`Slack could not deliver that: ${result.error}`, true);
    else setStatus(result.warning ?? '', result.warning !== undefined);
    return result;
  } catch (error) {
    setStatus(`The sandbox did not answer: ${error}`, true);
    return { ok: false };
  }
}

function setStatus(text, isError = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

async function pollLoop(controller) {
  let since = -1;
  while (!controller.signal.aborted) {
    try {
      const url = `/api/state?user=${encodeURIComponent(app.me)}&since=${since}`;
      const response = await fetch(url, { signal: controller.signal });
      app.snapshot = await response.json();
      since = app.snapshot.version;
      render();
    } catch (error) {
      if (controller.signal.aborted) return;
      setStatus(`Lost the sandbox (${error}); retrying…`, true);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function actAs(userId) {
  app.me = userId;
  app.typed.clear();
  app.drawnModal = '';
  app.poll?.abort();
  app.poll = new AbortController();
  void pollLoop(app.poll);
  if (app.place.kind === 'home') void interact({ kind: 'home' });
}

// ---- state of open views ----------------------------------------------------------------

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
function stateValues(open) {
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

function viewContext(open) {
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

function messageContext(message, ephemeral) {
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
function confirm(dialog) {
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

// ---- rendering ---------------------------------------------------------------------------

function render() {
  if (!app.snapshot) return;
  renderSidebar();
  renderMain();
  renderThread();
  renderModal();
}

function renderSidebar() {
  const list = $('channels');
  list.replaceChildren();
  for (const channel of app.snapshot.channels) {
    list.append(navItem(`# ${channel.name}`, { kind: 'channel', id: channel.id }));
  }
  const apps = $('apps');
  apps.replaceChildren(
    navItem('writeoff · Home', { kind: 'home' }),
    navItem('writeoff · Messages', { kind: 'dm' }),
  );
}

function navItem(label, place) {
  const item = el('button', 'nav-item', label);
  item.type = 'button';
  const same = app.place.kind === place.kind && app.place.id === place.id;
  item.classList.toggle('active', same);
  item.addEventListener('click', () => go(place));
  return item;
}

function go(place) {
  app.place = place;
  app.thread = null;
  render();
  if (place.kind === 'home') void interact({ kind: 'home' });
}

function dmChannel() {
  return `D${app.me.replace(/^[UW]/, '')}`;
}

function currentChannel() {
  if (app.place.kind === 'channel') return app.place.id;
  if (app.place.kind === 'dm') return dmChannel();
  return undefined;
}

function renderMain() {
  const title = $('title');
  const feed = $('feed');
  const composer = $('composer');
  const channel = currentChannel();
  feed.replaceChildren();
  if (channel === undefined) {
    title.textContent = 'writeoff — Home';
    composer.hidden = true;
    const home = app.snapshot.home;
    if (!home) feed.append(el('p', 'empty', 'Opening the Home tab…'));
    else feed.append(renderBlocks(doc, home.view.blocks, viewContext(home)));
    return;
  }
  composer.hidden = false;
  const name = names.channelName(channel);
  title.textContent = name ? `# ${name}` : 'writeoff — Messages';
  $('message').placeholder = name
    ? `Message #${name} — type /writeoff to start a write-off`
    : 'Message writeoff — type /writeoff';
  const messages = app.snapshot.messages[channel] ?? [];
  if (messages.length === 0) {
    feed.append(el('p', 'empty', 'Nothing here yet. Type /writeoff below to start a write-off.'));
  }
  for (const message of messages) feed.append(renderMessage(message, true));
  for (const ephemeral of app.snapshot.ephemerals) {
    if (ephemeral.channel === channel && !ephemeral.threadTs)
      feed.append(renderEphemeral(ephemeral));
  }
  feed.scrollTop = feed.scrollHeight;
}

function renderMessage(message, withReplies) {
  const node = el('div', 'message');
  node.dataset.ts = message.ts;
  const who = names.personName(message.user) ?? message.user;
  node.append(el('div', 'avatar', who.slice(0, 1).toUpperCase()));
  const content = el('div', 'content');
  const meta = el('div', 'meta');
  meta.append(el('strong', 'author', who));
  if (message.user === app.snapshot.botUserId) meta.append(el('span', 'app-tag', 'APP'));
  content.append(meta);
  content.append(messageBody(message, messageContext(message)));
  for (const file of message.files ?? []) content.append(renderFile(file));
  if (message.edited) content.append(el('span', 'edited', '(edited)'));
  if (withReplies && message.replies.length > 0) {
    const link = el(
      'button',
      'replies',
      `${message.replies.length} ${message.replies.length === 1 ? 'reply' : 'replies'}`,
    );
    link.type = 'button';
    link.addEventListener('click', () => {
      app.thread = { channel: message.channel, ts: message.ts };
      renderThread();
    });
    content.append(link);
  }
  node.append(content);
  return node;
}

/** A shared file: images inline, anything else as a download link (served by the sandbox). */
function renderFile(file) {
  const url = `/files/${encodeURIComponent(file.id)}`;
  const box = el('div', 'file');
  if (/\.(png|jpe?g|gif)$/i.test(file.filename)) {
    const image = el('img', 'file-image');
    image.src = url;
    image.alt = file.title;
    box.append(el('div', 'file-title', file.title), image);
    return box;
  }
  const link = el('a', 'file-link', `📄 ${file.title}`);
  link.href = url;
  link.download = file.filename;
  box.append(link);
  return box;
}

function messageBody(message, ctx) {
  if (Array.isArray(message.blocks) && message.blocks.length > 0) {
    return renderBlocks(doc, message.blocks, ctx);
  }
  if (!message.text) return doc.createDocumentFragment();
  const text = el('div', 'message-text');
  text.append(renderMrkdwn(doc, message.text ?? '', names));
  return text;
}

function renderEphemeral(ephemeral) {
  const node = el('div', 'message ephemeral');
  node.append(el('div', 'avatar', 'W'));
  const content = el('div', 'content');
  const meta = el('div', 'meta');
  meta.append(el('strong', 'author', 'writeoff'), el('span', 'only-you', 'Only visible to you'));
  const dismiss = el('button', 'link-button', 'Dismiss');
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => interact({ kind: 'dismiss', ephemeralId: ephemeral.id }));
  meta.append(dismiss);
  content.append(meta, messageBody(ephemeral, messageContext(undefined, ephemeral)));
  node.append(content);
  return node;
}

function renderThread() {
  const pane = $('thread');
  const body = $('thread-body');
  const parent = app.thread
    ? (app.snapshot.messages[app.thread.channel] ?? []).find((m) => m.ts === app.thread.ts)
    : undefined;
  pane.hidden = parent === undefined;
  body.replaceChildren();
  if (parent === undefined) return;
  body.append(renderMessage(parent, false));
  body.append(
    el(
      'div',
      'thread-divider',
      `${parent.replies.length} ${parent.replies.length === 1 ? 'reply' : 'replies'}`,
    ),
  );
  for (const reply of parent.replies) body.append(renderMessage(reply, false));
  for (const ephemeral of app.snapshot.ephemerals) {
    if (ephemeral.threadTs === parent.ts) body.append(renderEphemeral(ephemeral));
  }
}

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

function renderModal() {
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

// ---- GL export panel ---------------------------------------------------------------------

function csvRows(csv) {
  const rows = [];
  for (const line of csv.split('\r\n')) {
    const cells = [];
    const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
    for (let m = re.exec(line); m && m[0] !== ''; m = re.exec(line)) {
      const cell = m[1] ?? '';
      cells.push(cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

async function showExport() {
  const panel = $('export');
  const body = $('export-body');
  panel.hidden = false;
  body.replaceChildren(el('p', 'empty', 'Loading…'));
  const result = await (await fetch('/api/export')).json();
  body.replaceChildren();
  if (result.periods.length === 0) body.append(el('p', 'empty', 'Nothing posted yet.'));
  for (const period of result.periods) {
    body.append(el('h3', '', `Period ${period.period}`));
    const table = el('table', 'export-table');
    csvRows(period.csv).forEach((cells, index) => {
      const row = el('tr');
      for (const cell of cells) row.append(el(index === 0 ? 'th' : 'td', '', cell));
      table.append(row);
    });
    body.append(table);
  }
}

// ---- start -------------------------------------------------------------------------------

async function start() {
  const first = await (await fetch('/api/state?user=&since=-1')).json();
  const select = $('person');
  for (const person of first.people) {
    const option = el('option', '', `${person.name} — ${person.title}`);
    option.value = person.id;
    select.append(option);
  }
  const wanted = new URLSearchParams(location.search).get('as');
  select.value = first.people.some((p) => p.id === wanted) ? wanted : first.people[0].id;
  select.addEventListener('change', () => actAs(select.value));
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('message');
    const text = input.value;
    const channel = currentChannel();
    if (text.trim() === '' || channel === undefined) return;
    input.value = '';
    void interact({ kind: 'say', channel, text });
  });
  $('thread-close').addEventListener('click', () => {
    app.thread = null;
    renderThread();
  });
  $('export-open').addEventListener('click', () => void showExport());
  $('export-close').addEventListener('click', () => {
    $('export').hidden = true;
  });
  actAs(select.value);
}

void start();
