// Split detection (docs/write-off-rules.md#split-detection): requests submitted with the CLI at
// chosen times, announced and approved through the real receiver against the fake Slack API.
// The warning needs the same requester and customer inside the window; Approve without the tick
// is refused and posts nothing; with it, the request posts and the audit says it was seen.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { getAuditTrail } from '../../src/app/request-views.ts';
import type { Database } from '../../src/db/client.ts';
import { announceRequest } from '../../src/slack/announce-request.ts';
import { ids } from '../../src/slack/ids.ts';
import { SPLIT_ACK_LABEL, splitAckBlockId } from '../../src/slack/views/approval-split.ts';
import { appDeps, unwrap } from '../support/app.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { runCliIn } from '../support/cli.ts';
import { NOW_MS } from '../support/db.ts';
import { ticked } from '../support/slack-state.ts';
import {
  APPROVER,
  type ApprovalApp,
  callText,
  click,
  journalEntries,
  seedDatabaseFile,
  startApprovalApp,
  viewOf,
} from './approval-helpers.ts';

const CLERK = 'U0CLERK01';
const OTHER_CLERK = 'U0CLERK02';
const DAY_MS = 86_400_000;
const WINDOW_START_MS = NOW_MS - 30 * DAY_MS;

let dir: string;
let database: Database;
let t: ApprovalApp | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'writeoff-split-'));
  database = seedDatabaseFile(join(dir, 'ledger.db'));
  writeFileSync(
    join(dir, 'policy.json'),
    JSON.stringify({
      reasons: [{ code: 'small_balance', label: 'Small balance', evidenceFrom: null }],
      splitDetection: { windowDays: 30, threshold: '200.00' },
    }),
  );
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `writeoff manual --submit` of `amount` on one C100 invoice, as `requester`, at `atMs`. */
function submitAt(atMs: number, invoice: string, amount: string, requester = CLERK) {
  const file = join(dir, `request-${invoice}-${amount}-${atMs}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      customer: 'C100',
      period: '2026-06',
      date: '2026-06-15',
      method: 'entry',
      account: '7100',
      comment: 'Small remainder',
      invoices: [{ invoice, amount }],
    }),
  );
  const args = ['manual', '--request', file, '--submit', '--as', requester];
  const out = runCliIn(dir, () => new Date(atMs), [
    ...args,
    '--reason',
    'small_balance',
    '--db',
    join(dir, 'ledger.db'),
  ]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  const id = /Submitted (WO-\d+)/.exec(out.stdout)?.[1];
  if (id === undefined) throw new Error(out.stdout);
  return { id, stdout: out.stdout };
}

async function announced(id: string) {
  t ??= await startApprovalApp({ database });
  await announceRequest(t.deps, id);
  const slack = viewOf(database, id).slack;
  if (slack?.threadTs == null) throw new Error(`${id} was not announced`);
  return { id, channel: slack.channel, parentTs: slack.ts, replyTs: slack.threadTs };
}

describe('split detection', () => {
  it('warns at the window edge, refuses Approve without the tick and posts with it', async () => {
    const first = submitAt(WINDOW_START_MS, '1001', '120.00');
    expect(first.stdout).not.toContain('possible split');
    const second = submitAt(NOW_MS, '1002', '90.00');
    expect(second.stdout).toContain(
      `Warning: possible split. You asked for write-offs for this customer in the last 30 days: ${first.id} (120.00 USD); together 210.00 USD (threshold 200.00 USD).`,
    );
    expect(viewOf(database, second.id).split).toMatchObject({
      related: [{ requestId: first.id, grossMinor: 12000 }],
      combinedMinor: 21000,
      sameInvoices: [],
    });

    const posted = await announced(second.id);
    const app = t as ApprovalApp;
    const reply = app.fake
      .calls('chat.postMessage')
      .find((c) => c.args.thread_ts === posted.parentTs);
    expectValidMessage(reply?.args);
    expect(callText(reply)).toContain(`${first.id} ($120.00)`);
    expect(callText(reply)).toContain('$210.00');
    expect(callText(reply)).toContain(SPLIT_ACK_LABEL);

    await app.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(journalEntries(database, second.id)).toEqual([]);
    expect(viewOf(database, second.id).status).toBe('pending');
    const [refusal] = app.fake.calls('chat.postEphemeral');
    expect(refusal?.args.text).toContain('I have seen the related requests');
    expect(refusal?.args.text).toContain(first.id);

    const stateValues = {
      [splitAckBlockId(second.id)]: { [ids.split.ackAction]: ticked(ids.split.ackValue) },
    };
    await app.send(click(ids.approval.approveAction, posted, APPROVER, { stateValues }));
    expect(journalEntries(database, second.id)).toEqual([{ kind: 'write_off' }]);
    const approved = getAuditTrail(appDeps(database), second.id).find(
      (a) => a.action === 'approved',
    );
    expect(approved?.details).toMatchObject({ acknowledgedRelated: true });
  });

  it('does not warn one millisecond outside the window', () => {
    submitAt(WINDOW_START_MS - 1, '1001', '120.00');
    const second = submitAt(NOW_MS, '1002', '90.00');
    expect(second.stdout).not.toContain('possible split');
    expect(viewOf(database, second.id).split).toBeNull();
  });

  it('does not warn across two requesters', () => {
    submitAt(NOW_MS - DAY_MS, '1001', '120.00', OTHER_CLERK);
    const second = submitAt(NOW_MS, '1002', '90.00');
    expect(viewOf(database, second.id).split).toBeNull();
  });

  it('warns when the same invoice is written off twice, even far under the threshold', () => {
    const first = submitAt(NOW_MS - DAY_MS, '1001', '9.00');
    unwrap(approveRequest(appDeps(database), { requestId: first.id, approver: APPROVER }));
    const second = submitAt(NOW_MS, '1001', '9.00');
    expect(second.stdout).toContain('It writes off 1001 again.');
    expect(viewOf(database, second.id).split).toMatchObject({
      related: [{ requestId: first.id }],
      combinedMinor: 1800,
      sameInvoices: ['1001'],
    });
    // The use-case itself refuses without the acknowledgement, whatever the surface.
    const refused = approveRequest(appDeps(database), { requestId: second.id, approver: APPROVER });
    expect(refused.ok ? null : refused.error.kind).toBe('related_unacknowledged');
  });
});
