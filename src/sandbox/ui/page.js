// The sandbox page's shared state and DOM helpers: who acts, where they look, the last workspace
// snapshot, what they typed into open views, and how people and channels are named.
export const doc = document;
export const $ = (id) => doc.getElementById(id);

export const app = {
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

export function el(tag, cls, text) {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

export const names = {
  personName: (id) =>
    id === app.snapshot?.botUserId
      ? 'writeoff'
      : app.snapshot?.people.find((p) => p.id === id)?.name,
  channelName: (id) => app.snapshot?.channels.find((c) => c.id === id)?.name,
};
