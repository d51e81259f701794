// Drawing the page from the latest snapshot: the sidebar (channels, the app's Home and Messages),
// the main pane for the chosen place, the open thread and the open modal.
import { interact } from './api.js';
import { renderBlocks } from './blocks.js';
import { viewContext } from './contexts.js';
import { renderEphemeral, renderMessage, renderThread } from './messages.js';
import { renderModal } from './modal.js';
import { $, app, doc, el, names } from './page.js';

export function render() {
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

export function currentChannel() {
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
