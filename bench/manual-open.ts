// `npx tsx bench/manual-open.ts [commands]`: how fast `/writeoff` opens the modal. The real app
// (createSlackApp, Bolt's HTTPReceiver on 127.0.0.1, acking as in production) runs over the
// demo database against the loopback fake Web API; 200 signed slash commands go one after
// another, each waiting until the form replaced the loading view. Reported, as the fake saw
// them: slash command sent → views.open received (the 3 s trigger budget), → HTTP ack, and →
// views.update with the form. Then the Preview submission of the 320-invoice demo customer
// with select all, which must be answered inside Slack's 3 s view_submission window.
import { performance } from 'node:perf_hooks';
import { buildDemoArFile, DEMO_BIG_CUSTOMER } from '../src/app/demo-data.ts';
import { type StoredDraft, saveDraft, startManualDraft } from '../src/app/drafts.ts';
import { setSelectAll } from '../src/app/drafts-invoices.ts';
import { previewDraft } from '../src/app/drafts-preview.ts';
import { importArFile } from '../src/app/import-ar-file.ts';
import { openTestDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import { defaultHandlers } from '../src/sandbox/fake-slack-methods.ts';
import { startTestApp } from '../test/support/slack-app.ts';
import { slashCommand } from '../test/support/slack-request.ts';
import { percentile, round } from './lib/stats.ts';

const COMMANDS = Number(process.argv[2] ?? 200);
const PREVIEWS = 30;
const NOW = new Date('2026-06-15T14:00:00Z');

function demoDatabase() {
  const database = openTestDatabase();
  const imported = importArFile(
    sqliteStore(database),
    buildDemoArFile('2026-06-15'),
    NOW.getTime(),
  );
  if (!imported.ok) throw new Error('demo import failed');
  return database;
}

const summary = (label: string, samples: readonly number[]) =>
  `${label.padEnd(40)} p50 ${round(percentile(samples, 50))} ms · p99 ${round(percentile(samples, 99))} ms · max ${round(Math.max(...samples))} ms (n=${samples.length})`;

async function benchOpen(): Promise<void> {
  const database = demoDatabase();
  const t = await startTestApp({
    database,
    deps: { now: () => NOW },
    app: { processBeforeResponse: false },
  });
  const handlers = defaultHandlers();
  let openedAt = 0;
  t.fake.override('views.open', (call) => {
    openedAt = performance.now();
    return (handlers['views.open'] as (args: Record<string, unknown>) => never)(call.args);
  });
  const toOpen: number[] = [];
  const toAck: number[] = [];
  const toForm: number[] = [];
  for (let i = 0; i < COMMANDS; i += 1) {
    const formShown = t.fake.waitForCalls('views.update', i + 1);
    const sentAt = performance.now();
    const response = await t.send(slashCommand({ text: '', triggerId: `${i}.222.bench` }));
    const ackedAt = performance.now();
    await formShown;
    const formAt = performance.now();
    if (response.status !== 200) throw new Error(`command ${i}: HTTP ${response.status}`);
    toOpen.push(openedAt - sentAt);
    toAck.push(ackedAt - sentAt);
    toForm.push(formAt - sentAt);
  }
  await t.stop();
  database.close();
  console.log(summary('slash command → views.open', toOpen));
  console.log(summary('slash command → HTTP ack', toAck));
  console.log(summary('slash command → form (views.update)', toForm));
}

function benchPreview(): void {
  const database = openTestDatabase();
  importArFile(sqliteStore(database), buildDemoArFile('2026-06-15'), NOW.getTime());
  const deps = { store: sqliteStore(database), now: () => NOW };
  const started = startManualDraft(deps, { userId: 'U0BENCH', channelId: 'C0BENCH' });
  if (!started.ok) throw new Error('no ledger');
  const draft = setSelectAll(
    {
      ...started.value.draft,
      step: 'invoices',
      customerId: DEMO_BIG_CUSTOMER,
      period: '2026-06',
      date: '2026-06-15',
      comment: 'Bench',
    },
    true,
  );
  const stored: StoredDraft = { id: started.value.draftId, draft };
  saveDraft(deps, stored);
  const samples: number[] = [];
  for (let i = 0; i < PREVIEWS; i += 1) {
    const start = performance.now();
    const result = previewDraft(deps, stored);
    samples.push(performance.now() - start);
    if (!result.ok) throw new Error('preview failed');
  }
  database.close();
  console.log(summary('preview of 320 invoices (select all)', samples));
}

await benchOpen();
benchPreview();
