// Reversal and delegation (docs/decisions/264-reversal-routing.md) through the real receiver and
// the CLI: an approver whose limit does not cover a reversal is told who can reverse it today —
// the delegate of an approver who is away, never the away approver — and the delegate reverses
// within their own limit, audited as delegate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDelegation } from '../../src/app/delegation.ts';
import { getAuditTrail } from '../../src/app/request-views.ts';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import type { Database } from '../../src/db/client.ts';
import { ids } from '../../src/slack/ids.ts';
import { appDeps, unwrap } from '../support/app.ts';
import { runCliIn } from '../support/cli.ts';
import { NOW_MS } from '../support/db.ts';
import { viewSubmission } from '../support/slack-request.ts';
import {
  APPROVER,
  type ApprovalApp,
  BIG_APPROVER,
  click,
  journalEntries,
  seedDatabaseFile,
  startApprovalApp,
  submitAndAnnounce,
} from './approval-helpers.ts';

const DELEGATE = 'U0DELEG01';
const SMALL = 'U0SMALL01';
let dir: string;
let database: Database;
let t: ApprovalApp;
const deps = () => appDeps(database);
const by = 'system:test';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'writeoff-reversal-delegation-'));
  database = seedDatabaseFile(join(dir, 'ledger.db'));
  t = await startApprovalApp({ database });
  // SMALL approves up to 100.00; the delegate holds no role, and a limit of 500.00.
  unwrap(grantRole(deps(), { by, userId: SMALL, role: 'approver' }));
  unwrap(setApproverLimit(deps(), { by, userId: SMALL, currency: 'USD', amount: '100.00' }));
  unwrap(setApproverLimit(deps(), { by, userId: DELEGATE, currency: 'USD', amount: '500.00' }));
});
afterEach(async () => {
  await t.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const lastEphemeral = () => String(t.fake.calls('chat.postEphemeral').at(-1)?.args.text);

describe('reversal while an approver is away', () => {
  it('names the delegate instead of the away approver, and the delegate reverses', async () => {
    const posted = await submitAndAnnounce(t); // 183.00 gross
    await t.send(click(ids.approval.approveAction, posted, APPROVER));

    await t.send(click(ids.approval.reverseAction, posted, SMALL));
    expect(lastEphemeral()).toContain(`<@${BIG_APPROVER}>`);
    expect(lastEphemeral()).not.toContain(DELEGATE);

    // BIG_APPROVER is away today; DELEGATE stands in.
    unwrap(
      setDelegation(deps(), {
        by: BIG_APPROVER,
        approver: BIG_APPROVER,
        delegate: DELEGATE,
        fromOn: '2026-06-15',
        untilOn: '2026-06-15',
      }),
    );
    await t.send(click(ids.approval.reverseAction, posted, SMALL));
    expect(lastEphemeral()).toContain(`<@${DELEGATE}>`);
    expect(lastEphemeral()).toContain(`<@${APPROVER}>`);
    expect(lastEphemeral()).not.toContain(BIG_APPROVER);
    const cli = runCliIn(dir, () => new Date(NOW_MS), [
      ...['reverse', '--request', posted.id, '--by', SMALL, '--reason', 'x'],
      ...['--db', join(dir, 'ledger.db')],
    ]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(DELEGATE);
    expect(cli.stderr).not.toContain(BIG_APPROVER);

    await t.send(click(ids.approval.reverseAction, posted, DELEGATE, { triggerId: 'trig-d' }));
    const modal = t.fake.calls('views.open').at(-1)?.args.view as {
      callback_id: string;
      private_metadata: string;
    };
    expect(modal.callback_id).toBe(ids.approval.reverseModal);
    await t.send(
      viewSubmission({
        callbackId: modal.callback_id,
        privateMetadata: modal.private_metadata,
        userId: DELEGATE,
        values: {
          [ids.approval.reasonBlock]: {
            [ids.approval.reasonInput]: { type: 'plain_text_input', value: 'Paid after all' },
          },
        },
      }),
    );
    expect(journalEntries(database, posted.id)).toEqual([
      { kind: 'write_off' },
      { kind: 'reversal' },
    ]);
    const reversed = getAuditTrail(deps(), posted.id).find((a) => a.action === 'reversed');
    expect(reversed).toMatchObject({
      actor: DELEGATE,
      details: { asDelegateOf: BIG_APPROVER },
    });
  });
});
