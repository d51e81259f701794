// The sandbox page: a small Slack client for one workspace. It long-polls the workspace state,
// renders what the chosen person sees, and posts what they do to the sandbox server, which
// signs it and sends it to the bot exactly as Slack would (docs/sandbox.md).
import { interact, setStatus } from './api.js';
import { showExport } from './gl-export.js';
import { renderThread } from './messages.js';
import { $, app, el } from './page.js';
import { currentChannel, render } from './render.js';

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
