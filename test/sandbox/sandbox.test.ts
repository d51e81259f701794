// The sandbox server without a browser: what the page posts reaches the real bot as signed Slack
// requests, and what the bot says lands in the workspace the page reads.
import { readdirSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceSnapshot } from '../../src/sandbox/workspace.ts';
import { manualIds } from '../../src/slack/ids.ts';
import { type SandboxedBot, startSandboxedBot } from '../support/sandbox.ts';

const CLERK = 'U0CLERK01';
const APPROVER = 'U0APPROVE1';

let running: SandboxedBot;
let base: string;

beforeAll(async () => {
  running = await startSandboxedBot();
  base = running.sandbox.url.replace(/\/$/, '');
});
afterAll(() => running?.stop());

async function interact(body: Record<string, unknown>) {
  const response = await fetch(`${base}/api/interact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function snapshot(user: string): Promise<WorkspaceSnapshot> {
  const response = await fetch(`${base}/api/state?user=${user}&since=-1`);
  return (await response.json()) as WorkspaceSnapshot;
}

/** fetch() will not send a Host header of our choosing; node:http will (DNS rebinding). */
function statusWithHost(host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = httpGet(`${base}/api/state?user=${CLERK}`, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    request.on('error', reject);
  });
}

/** Polls the workspace until `probe` finds something (the bot answers asynchronously). */
async function eventually<T>(user: string, probe: (s: WorkspaceSnapshot) => T | undefined) {
  for (let i = 0; i < 100; i += 1) {
    const found = probe(await snapshot(user));
    if (found !== undefined && found !== false) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the workspace never showed it');
}

describe('the sandbox server', () => {
  it('answers /healthz, serves the page, and refuses other hosts and non-JSON posts', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('writeoff sandbox');
    expect(await statusWithHost('attacker.example')).toBe(421);
    const form = await fetch(`${base}/api/interact`, { method: 'POST', body: 'kind=home' });
    expect(form.status).toBe(415);
    expect((await interact({ kind: 'nonsense', user: CLERK })).status).toBe(400);
    expect((await fetch(`${base}/ui/../../main.ts`)).status).toBe(404);
  });

  it('serves every file of the page: its ES modules load each other by URL', async () => {
    const files = readdirSync(new URL('../../src/sandbox/ui/', import.meta.url)).filter(
      (name) => !name.endsWith('.d.ts'),
    );
    expect(files).toContain('app.js');
    for (const name of files) {
      const response = await fetch(`${base}/ui/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toMatch(/^text\/(html|javascript|css)/);
    }
  });

  it('a typed /writeoff opens the form for that person only', async () => {
    const sent = await interact({
      kind: 'say',
      user: CLERK,
      channel: 'C0ARTEAM',
      text: '/writeoff',
    });
    expect(sent.json).toEqual({ ok: true });
    const modal = await eventually(CLERK, (s) =>
      s.modals.find((m) => m.view.callback_id === manualIds.formCallback),
    );
    expect((await snapshot(APPROVER)).modals).toEqual([]);

    const options = await interact({
      kind: 'suggest',
      user: CLERK,
      viewId: modal.viewId,
      blockId: manualIds.customerBlock,
      actionId: manualIds.customerAction,
      value: 'C100',
    });
    expect(JSON.stringify(options.json.options)).toContain('C100');

    // Like Slack, an update based on an older version of the view is refused.
    const api = running.sandbox.botConfig.slackApiUrl;
    const update = (hash: string) =>
      fetch(`${api}views.update`, {
        method: 'POST',
        body: new URLSearchParams({
          view_id: modal.viewId,
          hash,
          view: JSON.stringify(modal.view),
        }),
      }).then((r) => r.json() as Promise<{ ok: boolean; error?: string }>);
    expect(await update('an-older-hash')).toMatchObject({ ok: false, error: 'hash_conflict' });
    expect(await update(modal.hash)).toMatchObject({ ok: true });

    await interact({ kind: 'close', user: CLERK, viewId: modal.viewId, values: {} });
    expect((await snapshot(CLERK)).modals).toEqual([]);
  });

  it('plain text is a message in the channel; an unknown command is answered like Slack', async () => {
    await interact({ kind: 'say', user: APPROVER, channel: 'C0ARTEAM', text: 'hello <b>team</b>' });
    await interact({ kind: 'say', user: APPROVER, channel: 'C0ARTEAM', text: '/nope' });
    const seen = await snapshot(APPROVER);
    expect(seen.messages.C0ARTEAM?.at(-1)).toMatchObject({
      user: APPROVER,
      text: 'hello <b>team</b>',
    });
    expect(seen.ephemerals.at(-1)?.text).toContain('/nope is not a valid command');
    expect((await snapshot(CLERK)).ephemerals).toEqual([]);
  });

  it('files the bot uploads with the Slack SDK appear in the channel and can be opened', async () => {
    const config = running.sandbox.botConfig;
    if (config.slack.kind !== 'http') throw new Error('the sandbox runs the bot in HTTP mode');
    const client = new webApi.WebClient(config.slack.botToken, { slackApiUrl: config.slackApiUrl });
    await client.files.uploadV2({
      channel_id: 'C0ARTEAM',
      initial_comment: 'Weekly digest',
      file_uploads: [
        { file: Buffer.from('a,b\r\n1,2\r\n'), filename: 'digest.csv', title: 'Digest CSV' },
      ],
    });
    const last = await eventually(CLERK, (s) =>
      s.messages.C0ARTEAM?.find((m) => m.files.length > 0),
    );
    expect(last.text).toBe('Weekly digest');
    const [file] = last.files;
    expect(file).toMatchObject({ title: 'Digest CSV', filename: 'digest.csv' });
    const download = await fetch(`${base}/files/${file?.id}`);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(await download.text()).toBe('a,b\r\n1,2\r\n');
    expect((await fetch(`${base}/files/F404`)).status).toBe(404);
  });

  it('opening the Home tab sends app_home_opened and shows the published view', async () => {
    await interact({ kind: 'home', user: APPROVER });
    const home = await eventually(APPROVER, (s) => s.home ?? undefined);
    expect(home.view.type).toBe('home');
    expect(running.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
