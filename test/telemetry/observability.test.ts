// What an operator sees of a real `npm start` process (src/main.ts) in HTTP mode against the
// fake Slack Web API: GET /metrics parses as Prometheus text and moves by the expected amounts
// after one scripted approval, and the JSON logs of that approval hold one event per
// interaction and never the bot token or the signing secret.

import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, describe, expect, it } from 'vitest';
import { customerId } from '../../scripts/generate-ar-file.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { openDatabase } from '../../src/db/client.ts';
import { listOpenInvoices } from '../../src/db/repos/invoices.ts';
import { databaseOf, txOf } from '../../src/db/sqlite-store.ts';
import { ids } from '../../src/slack/ids.ts';
import {
  APPROVERS,
  CLERKS,
  OPEN_PERIOD,
  seedLedger,
  tempDir,
  WRITE_OFF_DATE,
  writeLedgerFile,
} from '../reliability/support/ledger.ts';
import { TEST_REASON } from '../support/app.ts';
import { startFakeSlackApi } from '../support/fake-slack-api.ts';
import {
  blockAction,
  postSigned,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from '../support/slack-request.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const APPROVALS = 'C0APPROVALS';
const dir = tempDir('observability');
let bot: ChildProcess | undefined;
afterAll(() => {
  bot?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function pendingRequest(path: string): string {
  const deps = seedLedger(openDatabase(path), writeLedgerFile(dir));
  const customer = customerId(0);
  const [invoice] = listOpenInvoices(txOf(deps.store), customer);
  const preview = previewManualRequest(deps, {
    customerId: customer,
    period: OPEN_PERIOD,
    date: WRITE_OFF_DATE,
    method: 'entry',
    invoices: [{ invoice: invoice?.number ?? '' }],
  });
  if (!preview.ok) throw new Error(JSON.stringify(preview.error));
  const submitted = submitRequest(deps, { ...TEST_REASON, ...preview.value, requester: CLERKS[0] });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
  databaseOf(deps.store).close();
  return submitted.value.requestId;
}

type Families = ReturnType<typeof parsePrometheusTextFormat>;

function sample(families: Families, name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  const found = family?.metrics.find((m) =>
    Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
  );
  return Number(found?.value ?? found?.count ?? 0);
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 400; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('metrics and logs of a running bot', () => {
  it('count one approval on /metrics and log it without secrets', async () => {
    const db = join(dir, 'ledger.db');
    const requestId = pendingRequest(db);
    const fake = await startFakeSlackApi();
    const log: string[] = [];
    bot = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        WRITEOFF_DB: db,
        PORT: '0',
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_APP_TOKEN: '',
        WRITEOFF_APPROVALS_CHANNEL: APPROVALS,
        SLACK_API_URL: fake.url,
        WRITEOFF_DEMO: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    bot.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    const port = await until(async () => {
      const match = /\/healthz on port (\d+)/.exec(log.join(''));
      return match?.[1];
    }, 'the bot to start');
    const origin = `http://127.0.0.1:${port}`;
    let lastText = '';
    const scrape = async () => {
      const response = await fetch(`${origin}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain');
      lastText = await response.text();
      return parsePrometheusTextFormat(lastText);
    };
    // The start-up outbox pass announces the request: parent message and thread reply.
    await until(
      async () => (fake.calls('chat.postMessage').length >= 2 ? true : undefined),
      'the announcement',
    );
    const before = await scrape();
    expect(sample(before, 'writeoff_requests_pending')).toBe(1);
    const reader = openDatabase(db);
    const posted = reader.sqlite
      .prepare(
        'SELECT slack_ts AS ts, slack_thread_ts AS threadTs FROM write_off_requests WHERE id = ?',
      )
      .get(requestId) as { ts: string; threadTs: string };
    reader.close();
    const click = blockAction({
      actionId: ids.approval.approveAction,
      value: requestId,
      blockId: `${ids.approval.decideBlockPrefix}:${requestId}`,
      userId: APPROVERS[0],
      channelId: APPROVALS,
      messageTs: posted.threadTs,
      threadTs: posted.ts,
    });
    expect((await postSigned(`${origin}/slack/events`, click)).status).toBe(200);
    const after = await until(async () => {
      const families = await scrape();
      return sample(families, 'writeoff_postings_total') === 1 ? families : undefined;
    }, 'the posting');
    await until(
      async () => (fake.calls('chat.update').length >= 2 ? true : undefined),
      'the updates',
    );

    expect(sample(before, 'writeoff_postings_total')).toBe(0);
    expect(sample(after, 'writeoff_requests_pending')).toBe(0);
    expect(sample(after, 'writeoff_requests_oldest_pending_age_seconds')).toBe(0);
    // The parser folds histogram series without their labels, so the count is read off the text.
    expect(after.map((f) => f.name)).toContain('writeoff_slack_ack_seconds');
    expect(lastText).toMatch(
      /^writeoff_slack_ack_seconds_count\{interaction="block_actions"\} 1$/m,
    );
    // Every Web API call the fake answered is counted once, by method (after the last answer).
    const methods = ['chat.postMessage', 'chat.update', 'auth.test'];
    const counted = (families: Families) =>
      methods.map((method) =>
        sample(families, 'writeoff_slack_api_calls_total', { method, outcome: 'ok' }),
      );
    const final = await until(async () => {
      const families = await scrape();
      const expected = methods.map((method) => fake.calls(method).length);
      return counted(families).join() === expected.join() ? families : undefined;
    }, 'the Web API counts to match the calls the fake answered');
    expect(counted(final).every((n) => n > 0)).toBe(true);

    // The interaction's event is written when its listener finishes, after the posting.
    await until(
      async () => (log.join('').includes('"slack.interaction"') ? true : undefined),
      'the log event',
    );
    const text = log.join('');
    expect(text).not.toContain(TEST_BOT_TOKEN);
    expect(text).not.toContain(TEST_SIGNING_SECRET);
    const events = text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const clicks = events.filter((e) => e.event === 'slack.interaction');
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({
      interaction: 'block_actions',
      actionId: ids.approval.approveAction,
      user: APPROVERS[0],
      outcome: 'ok',
    });
    expect(String(clicks[0]?.requestId)).toMatch(/^[0-9a-f]{8}$/);
    expect(events.some((e) => e.event === 'job.run' && e.job === 'outbox')).toBe(true);
    await fake.close();
  }, 90_000);
});
