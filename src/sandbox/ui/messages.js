// Messages as the person sees them: author, blocks or mrkdwn text, shared files, replies, the
// "only visible to you" ephemerals, and the open thread.
import { interact } from './api.js';
import { renderBlocks } from './blocks.js';
import { messageContext } from './contexts.js';
import { renderMrkdwn } from './mrkdwn.js';
import { $, app, doc, el, names } from './page.js';

export function renderMessage(message, withReplies) {
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

export function renderEphemeral(ephemeral) {
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

export function renderThread() {
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
