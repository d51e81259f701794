// Split detection on App Home (docs/decisions/263-split-acknowledgement-on-app-home.md): a
// flagged pending request awaiting the approver shows the warning and the "I have seen the
// related requests" checkbox beside its buttons; Approve from the tab without the tick is
// refused and posts nothing; with the tick (in the view's state, as Slack sends it) it posts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { announceRequest } from '../../src/slack/announce-request.ts';
import { ids } from '../../src/slack/ids.ts';
import { SPLIT_ACK_LABEL, splitAckBlockId } from '../../src/slack/views/approval-split.ts';
import { expectValidView } from '../support/block-kit.ts';
import { runCliIn } from '../support/cli.ts';
import { NOW_MS } from '../support/db.ts';
import { appHomeOpened, type SlackRequest } from '../support/slack-request.ts';
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
let dir: string;
let database: Database;
let t: ApprovalApp;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'writeoff-home-split-'));
  database = seedDatabaseFile(join(dir, 'ledger.db'));
  writeFileSync(
    join(dir, 'policy.json'),
    JSON.stringify({
      reasons: [{ code: 'small_balance', label: 'Small balance', evidenceFrom: null }],
      splitDetection: { windowDays: 30, threshold: '200.00' },
    }),
  );
  t = await startApprovalApp({ database });
});
afterEach(async () => {
  await t.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

function submit(invoice: string, amount: string): string {
  const file = join(dir, `request-${invoice}.json`);
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
  const out = runCliIn(dir, () => new Date(NOW_MS), [
    ...['manual', '--request', file, '--submit', '--as', CLERK, '--reason', 'small_balance'],
    ...['--db', join(dir, 'ledger.db')],
  ]);
  const id = /Submitted (WO-\d+)/.exec(out.stdout)?.[1];
  if (id === undefined) throw new Error(out.stdout + out.stderr);
  return id;
}

/** A click on the Home tab, with the tab's state as Slack sends it (`view.state.values`). */
function onHome(request: SlackRequest, stateValues: Record<string, unknown>): SlackRequest {
  const { channel: _c, message: _m, state: _s, ...rest } = request.payload;
  const payload = {
    ...rest,
    container: { type: 'view', view_id: 'V0HOME' },
    view: {
      id: 'V0HOME',
      type: 'home',
      blocks: [],
      private_metadata: '',
      callback_id: '',
      state: { values: stateValues },
    },
  };
  return {
    body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    contentType: request.contentType,
    payload,
  };
}

describe('a split-flagged request on App Home', () => {
  it('shows the checkbox with its buttons and approves only with the tick', async () => {
    const first = submit('1001', '120.00');
    const second = submit('1002', '90.00');
    await announceRequest(t.deps, second);
    const slack = viewOf(database, second).slack;
    if (slack?.threadTs == null) throw new Error('not announced');
    const posted = {
      id: second,
      channel: slack.channel,
      parentTs: slack.ts,
      replyTs: slack.threadTs,
    };

    await t.send(appHomeOpened({ userId: APPROVER }));
    const home = t.fake.calls('views.publish').at(-1);
    expectValidView(home?.args.view);
    const view = home?.args.view as { blocks: { block_id?: string }[] } | undefined;
    const blocks = view?.blocks ?? [];
    const ack = blocks.find((b) => b.block_id === splitAckBlockId(second));
    expect(JSON.stringify(ack)).toContain(SPLIT_ACK_LABEL);
    expect(JSON.stringify(ack)).toContain(ids.approval.approveAction);
    expect(callText(home)).toContain(`${first} ($120.00)`);
    // The first request is not flagged: its buttons stand alone.
    expect(blocks.some((b) => b.block_id === splitAckBlockId(first))).toBe(false);

    await t.send(onHome(click(ids.approval.approveAction, posted, APPROVER), {}));
    expect(journalEntries(database, second)).toEqual([]);
    const refusal = t.fake.calls('chat.postMessage').at(-1);
    expect(refusal?.args.channel).toBe(APPROVER);
    expect(callText(refusal)).toContain('I have seen the related requests');

    const tick = {
      [splitAckBlockId(second)]: { [ids.split.ackAction]: ticked(ids.split.ackValue) },
    };
    await t.send(onHome(click(ids.approval.approveAction, posted, APPROVER), tick));
    expect(journalEntries(database, second)).toEqual([{ kind: 'write_off' }]);
  });
});
