// Automatic runs over the demo ledger, from the /writeoff modal to the posted journal entry,
// through Bolt's real receiver and the fake Slack Web API, on a database FILE so the preview runs
// in its worker thread as in production: a run over every demo customer and one over the
// 320-invoice customer. The modal shows progress while it computes, other people's requests
// are answered meanwhile, the CSV detail reaches the clerk and the approval thread, the numbers
// are the engine's, and concurrent approve clicks post the run once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoArFile, DEMO_BIG_CUSTOMER } from '../../src/app/demo-data.ts';
import { CSV_HEADER } from '../../src/app/preview-csv.ts';
import { previewAutomaticRun } from '../../src/app/preview-write-off.ts';
import { setApproverLimit } from '../../src/app/roles.ts';
import { previewHash } from '../../src/app/snapshot.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { AutoCriteriaInput } from '../../src/domain/automatic.ts';
import { formatMoney, parseAmount } from '../../src/domain/money.ts';
import type { Preview } from '../../src/domain/types.ts';
import { ids as appIds, autoIds as ids, manualIds } from '../../src/slack/ids.ts';
import { appDeps, BIG_APPROVER, seedDatabase, unwrap } from '../support/app.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { requestRows } from '../support/db.ts';
import { blockSuggestion, slashCommand, TEST_USER_ID } from '../support/slack-request.ts';
import {
  APPROVER,
  type ApprovalApp,
  click,
  journalEntries,
  postedJournal,
  startApprovalApp,
  viewOf,
} from './approval-helpers.ts';
import { chosen, type ModalDriver, openModal, typed } from './manual-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-auto-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TODAY = '2026-06-15';
const OTHER_USER = 'U_SOMEONE_ELSE';

async function startOnDemoFile(name: string): Promise<ApprovalApp> {
  const database = seedDatabase(openDatabase(join(dir, `${name}.db`)), buildDemoArFile(TODAY));
  // A whole-ledger run is large: one approver's limit covers it.
  unwrap(
    setApproverLimit(appDeps(database), {
      by: 'system:test',
      userId: BIG_APPROVER,
      currency: 'USD',
      amount: '100000000.00',
    }),
  );
  return startApprovalApp({ database, ownDatabase: true });
}

interface Run {
  readonly type: AutoCriteriaInput['type'];
  readonly value: string;
  readonly olderThan: string;
  readonly customer?: string;
}

function engineInput(run: Run): AutoCriteriaInput {
  return {
    type: run.type,
    value: run.value,
    olderThan: run.olderThan,
    ...(run.customer && { customers: { from: run.customer, to: run.customer } }),
    period: '2026-06',
    date: TODAY,
  };
}

async function fillCriteria(t: ApprovalApp, run: Run): Promise<ModalDriver> {
  const modal = await openModal(t);
  await modal.act(manualIds.modeAction, { type: 'radio_buttons', ...chosen('automatic') });
  await modal.act(ids.typeAction, { type: 'radio_buttons', ...chosen(run.type) });
  modal.set(ids.valueBlock, ids.valueAction, typed(run.value));
  modal.set(ids.olderThanBlock, ids.olderThanAction, typed(run.olderThan));
  if (run.customer !== undefined) {
    modal.set(ids.customerFromBlock, ids.customerFromAction, chosen(run.customer));
    modal.set(ids.customerToBlock, ids.customerToAction, chosen(run.customer));
  }
  modal.set(ids.commentBlock, ids.commentAction, typed('Year-end clean-up'));
  return modal;
}

const lineCount = (preview: Preview) =>
  preview.items.reduce((n, i) => n + (i.kind === 'invoice' ? i.lines.length : 1), 0);

/** A CSV file's rows, checked: the header, one row per written-off line, amounts summing up. */
function checkCsv(bytes: Buffer | undefined, preview: Preview, header: readonly string[]): void {
  const rows = parse(bytes?.toString('utf8') ?? '') as string[][];
  expect(rows[0]).toEqual([...header]);
  expect(rows).toHaveLength(lineCount(preview) + 1);
  const amount = header.indexOf('amount');
  const sum = rows.slice(1).reduce((t, r) => t + unwrap(parseAmount(r[amount] ?? '', 'USD')), 0);
  expect(sum).toBe(preview.totalMinor);
}

/** The posted entry netted per account, and the invoice lines its postings trace to. */
function postedEntry(t: ApprovalApp, requestId: string) {
  const postings = t.database.sqlite
    .prepare(
      `SELECT p.account, p.debit_minor AS debitMinor, p.credit_minor AS creditMinor,
         p.invoice_number AS invoice, p.line, p.on_account_id AS onAccount
       FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id
       WHERE e.request_id = ? AND e.kind = 'write_off'`,
    )
    .all(requestId) as {
    account: string;
    debitMinor: number;
    creditMinor: number;
    invoice: string | null;
    line: number | null;
    onAccount: string | null;
  }[];
  const net = new Map<string, number>();
  for (const p of postings)
    net.set(p.account, (net.get(p.account) ?? 0) + p.debitMinor - p.creditMinor);
  const journal = [...net.entries()]
    .filter(([, n]) => n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([account, n]) => ({ account, debitMinor: Math.max(n, 0), creditMinor: Math.max(-n, 0) }));
  const traced = new Set(postings.map((p) => p.onAccount ?? `${p.invoice}#${p.line}`));
  return { journal, traced };
}

function previewLines(preview: Preview): Set<string> {
  const keys = new Set<string>();
  for (const item of preview.items) {
    if (item.kind === 'on_account') keys.add(item.onAccountId);
    else for (const line of item.lines) keys.add(`${item.invoice}#${line.line}`);
  }
  return keys;
}

const RUNS: readonly (Run & { readonly name: string })[] = [
  {
    name: 'every demo customer (invoice balance, the whole window)',
    type: 'invoice-balance',
    value: '1000000.00',
    olderThan: '2026-06-01',
  },
  {
    name: 'the 320-invoice customer (account balance)',
    type: 'account-balance',
    value: '10000000.00',
    olderThan: '2026-06-15',
    customer: DEMO_BIG_CUSTOMER,
  },
];

describe('automatic runs over the demo ledger, modal to posting', () => {
  for (const run of RUNS) {
    it(`${run.name}: progress, the engine's numbers, CSV detail, one posting`, async () => {
      const t = await startOnDemoFile(run.customer ?? 'all');
      try {
        const engine = unwrap(previewAutomaticRun(t.deps, engineInput(run))).preview;
        const customers = new Set(engine.items.map((i) => i.customerId));
        if (run.customer === undefined) expect(customers.size).toBe(40);
        else expect([...customers]).toEqual([run.customer]);
        if (run.customer !== undefined) {
          expect(engine.items.filter((i) => i.kind === 'invoice').length).toBe(320);
        }

        const modal = await fillCriteria(t, run);
        const updatesBefore = t.fake.calls('views.update').length;
        // Someone else's command and type-ahead while the preview computes: both are answered.
        const [ack, help, options] = await Promise.all([
          modal.submit(),
          t.send(slashCommand({ text: 'help', userId: OTHER_USER })),
          t.send(
            blockSuggestion({
              actionId: manualIds.customerAction,
              blockId: manualIds.customerBlock,
              value: 'Acme',
              userId: OTHER_USER,
            }),
          ),
        ]);
        expect(ack?.response_action).toBe('update');
        expect(help.status).toBe(200);
        expect(help.text).toContain('/writeoff');
        expect(options.status).toBe(200);
        expect((options.json as { options: unknown[] }).options.length).toBeGreaterThan(0);

        // The modal said how far the run got before the preview replaced it.
        const shown = t.fake
          .calls('views.update')
          .slice(updatesBefore)
          .map((c) => c.args.view as { callback_id: string; blocks: unknown[] });
        expect(shown.at(-1)?.callback_id).toBe(ids.previewCallback);
        const progress = shown.filter((v) => v.callback_id === ids.progressCallback);
        // The worker's first report always shows (a timer may add more).
        const read = /of [\d,]+ customers? read/;
        expect(progress.some((v) => read.test(JSON.stringify(v.blocks)))).toBe(true);

        modal.adoptLatestUpdate();
        expect(modal.callbackId()).toBe(ids.previewCallback);
        expect(JSON.parse(String(modal.view().private_metadata)).run.hash).toBe(
          previewHash(engine),
        );
        expect(modal.text()).toContain(formatMoney(engine.totalMinor, 'USD'));
        expect(modal.blocks().length).toBeLessThanOrEqual(12);
        const [dmUpload] = t.fake.uploads();
        expect(dmUpload?.completed?.channel).toMatch(/^D/);
        checkCsv(dmUpload?.bytes, engine, CSV_HEADER);

        await modal.submit();
        const [request] = requestRows(t.database);
        expect(request).toMatchObject({
          status: 'pending',
          mode: run.type,
          total_minor: engine.totalMinor,
          requester: TEST_USER_ID,
        });
        const id = String(request?.id);

        // The approver sees the entry, the largest items, and the detail as a file in the thread.
        const slack = viewOf(t.database, id).slack;
        if (slack === null || slack.threadTs === null) throw new Error(`${id} not announced`);
        const reply = t.fake
          .calls('chat.postMessage')
          .find((c) => c.args.ts === undefined && c.args.thread_ts === slack.ts);
        expectValidMessage(reply?.args);
        const replyText = JSON.stringify(reply?.args.blocks);
        expect(replyText).toContain('Journal entry');
        expect(replyText).toContain('10 largest items');
        const threadUpload = t.fake.uploads().find((u) => u.completed?.threadTs === slack.ts);
        expect(threadUpload?.completed?.channel).toBe(slack.channel);
        checkCsv(threadUpload?.bytes, engine, ['customer_name', ...CSV_HEADER]);

        // Ten approvers' clicks at once: one journal entry, the engine's.
        const posted = { id, channel: slack.channel, parentTs: slack.ts, replyTs: slack.threadTs };
        const clicks = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            t.send(click(appIds.approval.approveAction, posted, i % 2 ? APPROVER : BIG_APPROVER)),
          ),
        );
        expect(clicks.every((r) => r.status === 200)).toBe(true);
        expect(viewOf(t.database, id).status).toBe('posted');
        expect(journalEntries(t.database, id)).toEqual([{ kind: 'write_off' }]);
        const entry = postedEntry(t, id);
        expect(entry.journal).toEqual(engine.journal);
        expect(postedJournal(t.database, id)).toEqual(engine.journal);
        expect(entry.traced).toEqual(previewLines(engine));
      } finally {
        await t.close();
      }
    });
  }
});
