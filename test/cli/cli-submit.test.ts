// `--submit --as U…` from the command line, as a cron job runs it: child processes of the package
// bin on a seeded database file. The request is the same pending request Slack's Submit creates;
// the bot's outbox pass announces it and an approver approves it in Slack (real receiver, fake
// Web API), which posts one journal entry for the whole run, every posting traced to its line.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewAutomaticRun } from '../../src/app/preview-write-off.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { openDatabase } from '../../src/db/client.ts';
import { formatAmount } from '../../src/domain/money.ts';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { ids } from '../../src/slack/ids.ts';
import {
  APPROVER,
  BIG_APPROVER,
  click,
  journalEntries,
  seedDatabaseFile,
  startApprovalApp,
  viewOf,
} from '../slack/approval-helpers.ts';
import { appDeps, unwrap } from '../support/app.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { TEST_APPROVALS_CHANNEL } from '../support/slack-app.ts';

const exec = promisify(execFile);
const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/writeoff.mjs');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-submit-'));
const db = join(dir, 'ledger.db');
const REQUESTER = 'U0CLERK01';
// Every request carries a reason code of the policy, with evidence above its threshold.
const WHY = ['--reason', 'uncollectible', '--evidence', 'https://crm.example/case/7'];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function writeoff(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args, '--db', db], {
      cwd: dir,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Both customers' invoices (C100: 1001, 1002; C200: 1003): one request for the run.
const CRITERIA = {
  type: 'invoice-balance',
  value: '1000.00',
  olderThan: '2026-06-01',
  period: '2026-06',
  date: '2026-06-15',
} as const;
const AUTO = [
  'auto',
  '--type',
  CRITERIA.type,
  '--value',
  CRITERIA.value,
  '--older-than',
  CRITERIA.olderThan,
  '--period',
  CRITERIA.period,
  '--date',
  CRITERIA.date,
];

const requestCount = () => {
  const database = openDatabase(db);
  try {
    return (
      database.sqlite.prepare('SELECT count(*) AS n FROM write_off_requests').get() as {
        n: number;
      }
    ).n;
  } finally {
    database.close();
  }
};

beforeAll(() => {
  seedDatabaseFile(db).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--submit from the CLI', () => {
  it('refuses a missing or malformed --as, and --as without --submit, writing nothing', async () => {
    const noAs = await writeoff(...AUTO, '--submit');
    expect(noAs.code).toBe(1);
    expect(noAs.stderr).toContain('--submit: say who submits with --as');
    const bad = await writeoff(...AUTO, '--submit', '--as', 'casey');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--as: "casey" is not a Slack member id');
    expect(bad.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const lone = await writeoff(...AUTO, '--as', REQUESTER, ...WHY);
    expect(lone.code).toBe(1);
    expect(lone.stderr).toContain('--as: only meaningful with --submit');
    expect(requestCount()).toBe(0);
  });

  it('auto --submit creates ONE pending request for a multi-customer run; Slack approves and posts it once', async () => {
    const preview = (() => {
      const database = openDatabase(db);
      try {
        return unwrap(previewAutomaticRun(appDeps(database), CRITERIA)).preview;
      } finally {
        database.close();
      }
    })();
    expect(new Set(preview.items.map((i) => i.customerId))).toEqual(new Set(['C100', 'C200']));

    const out = await writeoff(
      ...AUTO,
      '--submit',
      '--as',
      REQUESTER,
      ...WHY,
      '--comment',
      'Cleanup',
      '--json',
    );
    expect(out).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(out.stdout);
    expect(json).toEqual({
      request: expect.stringMatching(/^WO-\d{6}$/),
      status: 'pending',
      total: formatAmount(preview.totalMinor, 'USD'),
    });
    expect(Object.keys(json)).toEqual(['request', 'status', 'total']);

    // A second submit of the same run finds nothing: its invoices are pending in the first one.
    const again = await writeoff(...AUTO, '--submit', '--as', REQUESTER, ...WHY);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Nothing to write off');

    const database = openDatabase(db);
    const t = await startApprovalApp({ database, ownDatabase: true });
    try {
      const request = viewOf(database, json.request);
      expect(request).toMatchObject({
        status: 'pending',
        requester: REQUESTER,
        mode: 'invoice-balance',
        customerId: null,
        totalMinor: preview.totalMinor,
        slack: null,
      });
      // The running bot's scheduler pass announces it in the approvals channel (the CLI queued
      // the event at the real clock's time).
      await runOutboxWorker(t.worker, new Date());
      const announced = viewOf(database, json.request).slack;
      expect(announced?.channel).toBe(TEST_APPROVALS_CHANNEL);
      for (const call of t.fake.calls('chat.postMessage')) expectValidMessage(call.args);
      if (announced === null || announced.threadTs === null) throw new Error('not announced');
      const posted = {
        id: json.request,
        channel: announced.channel,
        parentTs: announced.ts,
        replyTs: announced.threadTs,
      };
      await Promise.all([
        t.send(click(ids.approval.approveAction, posted, APPROVER)),
        t.send(click(ids.approval.approveAction, posted, BIG_APPROVER)),
      ]);
      expect(journalEntries(database, json.request)).toEqual([{ kind: 'write_off' }]);
      expect(viewOf(database, json.request).status).toBe('posted');
      const postings = database.sqlite
        .prepare(
          `SELECT p.customer_id AS customer, p.invoice_number AS invoice, p.line
           FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id
           WHERE e.request_id = ?`,
        )
        .all(json.request) as { customer: string; invoice: string | null; line: number | null }[];
      expect(postings.every((p) => p.invoice !== null && p.line !== null)).toBe(true);
      const traced = new Set(postings.map((p) => `${p.customer}/${p.invoice}/${p.line}`));
      const previewed = preview.items.flatMap((i) =>
        i.kind === 'invoice' ? i.lines.map((l) => `${i.customerId}/${i.invoice}/${l.line}`) : [],
      );
      expect(traced).toEqual(new Set(previewed));

      // Reversal works for the run as for a manual request: one mirror entry.
      unwrap(
        reverseRequest(appDeps(database), {
          requestId: json.request,
          by: BIG_APPROVER,
          reason: 'Collected after all',
        }),
      );
      expect(journalEntries(database, json.request)).toEqual([
        { kind: 'write_off' },
        { kind: 'reversal' },
      ]);
    } finally {
      await t.close();
    }
  });

  it('manual --request F --submit prints a sentence and the request is pending', async () => {
    const file = join(dir, 'request.json');
    writeFileSync(
      file,
      JSON.stringify({
        customer: 'C100',
        period: '2026-06',
        date: '2026-06-15',
        method: 'entry',
        account: '7100',
        comment: 'Chapter 7 bankruptcy',
        invoices: [{ invoice: '1001' }],
      }),
    );
    const out = await writeoff('manual', '--request', file, '--submit', '--as', REQUESTER, ...WHY);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    const id = /Submitted (WO-\d{6}) for approval: 143\.00 USD/.exec(out.stdout)?.[1];
    expect(id).toBeDefined();
    const database = openDatabase(db);
    try {
      expect(viewOf(database, id ?? '')).toMatchObject({
        status: 'pending',
        requester: REQUESTER,
        mode: 'manual',
        customerId: 'C100',
        comment: 'Chapter 7 bankruptcy',
      });
    } finally {
      database.close();
    }
  });
});
