// Exactly once, through the real receiver: concurrent clicks, the same payload delivered twice,
// a second app instance on the same database FILE, and child processes approving at the same
// moment all produce one journal entry, one pair of in-place updates and one DM to the
// requester. The figures (attempts, postings) are printed for the report.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { ids } from '../../src/slack/ids.ts';
import type { FakeSlackApi } from '../support/fake-slack-api.ts';
import { slackDelivery } from '../support/slack-request.ts';
import {
  APPROVER,
  type ApprovalApp,
  BIG_APPROVER,
  CLERK,
  click,
  journalEntries,
  seedDatabaseFile,
  startApprovalApp,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'writeoff-approval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dms = (fakes: readonly FakeSlackApi[]) =>
  fakes.flatMap((f) => f.calls('chat.postMessage')).filter((c) => c.args.channel === CLERK);
const updates = (fakes: readonly FakeSlackApi[]) => fakes.flatMap((f) => f.calls('chat.update'));
const ephemerals = (fakes: readonly FakeSlackApi[]) =>
  fakes.flatMap((f) => f.calls('chat.postEphemeral'));

function report(name: string, attempts: number, postings: number): void {
  console.info(`[concurrency] ${name}: ${attempts} approve attempts -> ${postings} posting(s)`);
}

describe('exactly once', () => {
  it('20 concurrent approve clicks post once and say "approved" once', async () => {
    const t = await startApprovalApp();
    const posted = await submitAndAnnounce(t);
    const clicks = Array.from({ length: 20 }, (_, i) =>
      t.send(click(ids.approval.approveAction, posted, i % 2 === 0 ? APPROVER : BIG_APPROVER)),
    );
    const responses = await Promise.all(clicks);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const postings = journalEntries(t.database, posted.id).length;
    report('20 concurrent clicks', 20, postings);
    expect(postings).toBe(1);
    expect(updates([t.fake])).toHaveLength(2);
    expect(dms([t.fake])).toHaveLength(1);
    expect(ephemerals([t.fake])).toHaveLength(19);
    expect(ephemerals([t.fake]).every((e) => String(e.args.text).includes('already posted'))).toBe(
      true,
    );
    await t.close();
  });

  it('the same payload delivered twice posts once, with one "approved" message', async () => {
    const t = await startApprovalApp();
    const posted = await submitAndAnnounce(t);
    const request = click(ids.approval.approveAction, posted, APPROVER);
    await t.send(request);
    await t.send(request, slackDelivery(1));
    await Promise.all([t.send(request), t.send(request)]);
    const postings = journalEntries(t.database, posted.id).length;
    report('same payload x4', 4, postings);
    expect(postings).toBe(1);
    expect(updates([t.fake])).toHaveLength(2);
    expect(dms([t.fake])).toHaveLength(1);
    await t.close();
  });

  it('two app instances on one database file post once between them', async () => {
    const path = join(dir, 'two-instances.db');
    const a = await startApprovalApp({ database: seedDatabaseFile(path), ownDatabase: true });
    const b = await startApprovalApp({ database: openDatabase(path), ownDatabase: true });
    const posted = await submitAndAnnounce(a);
    const clicks = Array.from({ length: 10 }, (_, i) => [
      a.send(click(ids.approval.approveAction, posted, i % 2 === 0 ? APPROVER : BIG_APPROVER)),
      b.send(click(ids.approval.approveAction, posted, i % 2 === 0 ? BIG_APPROVER : APPROVER)),
    ]).flat();
    await Promise.all(clicks);
    const postings = journalEntries(a.database, posted.id).length;
    report('two app instances, 20 clicks', 20, postings);
    expect(postings).toBe(1);
    expect(updates([a.fake, b.fake])).toHaveLength(2);
    expect(dms([a.fake, b.fake])).toHaveLength(1);
    expect(ephemerals([a.fake, b.fake])).toHaveLength(19);
    await b.close();
    await a.close();
  });

  it('child processes approving while the app handles clicks post once', async () => {
    const path = join(dir, 'processes.db');
    // Child processes stamp rows with the wall clock, so the app runs on it too.
    const t: ApprovalApp = await startApprovalApp({
      database: seedDatabaseFile(path),
      ownDatabase: true,
      deps: { now: () => new Date() },
    });
    const posted = await submitAndAnnounce(t);
    const child = join(import.meta.dirname, '../support/approve-child.ts');
    const startAtMs = Date.now() + 2000;
    const children = [APPROVER, BIG_APPROVER, APPROVER, BIG_APPROVER].map((approver) =>
      run(process.execPath, [
        '--import',
        'tsx',
        child,
        path,
        posted.id,
        approver,
        String(startAtMs),
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAtMs - Date.now())));
    const clicks = Array.from({ length: 8 }, (_, i) =>
      t.send(click(ids.approval.approveAction, posted, i % 2 === 0 ? APPROVER : BIG_APPROVER)),
    );
    const [childResults] = await Promise.all([Promise.all(children), Promise.all(clicks)]);
    const childPosted = childResults.filter((r) => JSON.parse(r.stdout).ok === true).length;
    const postings = journalEntries(t.database, posted.id).length;
    report(`4 child processes + 8 clicks (children posted ${childPosted})`, 12, postings);
    expect(postings).toBe(1);
    expect(viewOf(t.database, posted.id).status).toBe('posted');
    // Whoever posted, the app delivers the queued notifications exactly once.
    expect(updates([t.fake])).toHaveLength(2);
    expect(dms([t.fake])).toHaveLength(1);
    await t.close();
  }, 30_000);
});
