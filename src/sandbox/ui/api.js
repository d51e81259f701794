// Talking to the sandbox server: what the person does goes to /api/interact, which signs it and
// sends it to the bot exactly as Slack would; the status line says when that fails.
import { $, app } from './page.js';

export async function interact(body) {
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

export function setStatus(text, isError = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}
