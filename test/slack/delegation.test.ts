// Delegation (docs/write-off-rules.md#delegation) through the real receiver and the CLI: the
// away approver names a delegate in the modal `/writeoff roles` opens; inside the dates the
// delegate approves within their OWN limit and the audit says so; outside the dates, or over the
// delegate's limit, Approve is refused and nothing is posted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDelegation } from '../../src/app/delegation.ts';
import { getAuditTrail } from '../../src/app/request-views.ts';
import { setApproverLimit } from '../../src/app/roles.ts';
import { ids } from '../../src/slack/ids.ts';
import { appDeps, unwrap } from '../support/app.ts';
import { expectValidView } from '../support/block-kit.ts';
import { runCliIn } from '../support/cli.ts';
import { NOW_MS } from '../support/db.ts';
import { slashCommand, viewSubmission } from '../support/slack-request.ts';
import { stateOf } from '../support/slack-state.ts';
import {
  APPROVER,
  type ApprovalApp,
  BIG_APPROVER,
  click,
  journalEntries,
  manual,
  seedDatabaseFile,
  startApprovalApp,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';

const DELEGATE = 'U0DELEG01';
let t: ApprovalApp;
const deps = () => appDeps(t.database);

beforeEach(async () => {
  t = await startApprovalApp();
  // The delegate holds no approver role of their own; their limit is 500.00.
  unwrap(
    setApproverLimit(deps(), {
      by: 'system:test',
      userId: DELEGATE,
      currency: 'USD',
      amount: '500.00',
    }),
  );
});
afterEach(() => t.close());

/** BIG_APPROVER names DELEGATE for `from`–`until` in the modal `/writeoff roles` opens. */
async function delegateInSlack(from: string, until: string) {
  await t.send(slashCommand({ text: 'roles', userId: BIG_APPROVER }));
  const view = t.fake.calls('views.open').at(-1)?.args.view as Record<string, unknown>;
  expect(view.callback_id).toBe(ids.delegate.modal);
  expectValidView(view);
  const I = ids.delegate;
  return t.send(
    viewSubmission({
      callbackId: I.modal,
      userId: BIG_APPROVER,
      values: stateOf(view, {
        [I.delegateBlock]: { [I.delegateInput]: { selected_user: DELEGATE } },
        [I.fromBlock]: { [I.fromInput]: { selected_date: from } },
        [I.untilBlock]: { [I.untilInput]: { selected_date: until } },
      }),
    }),
  );
}

describe('delegation', () => {
  it('inside the dates, the delegate approves within their own limit, audited as delegate', async () => {
    // NOW is 2026-06-15: the first and last days are inclusive.
    const saved = await delegateInSlack('2026-06-15', '2026-06-15');
    expect(saved.json).toMatchObject({ response_action: 'update' });
    const posted = await submitAndAnnounce(t); // 183.00 gross
    await t.send(click(ids.approval.approveAction, posted, DELEGATE));
    expect(journalEntries(t.database, posted.id)).toEqual([{ kind: 'write_off' }]);
    const approved = getAuditTrail(deps(), posted.id).find((a) => a.action === 'approved');
    expect(approved?.actor).toBe(DELEGATE);
    expect(approved?.details).toMatchObject({
      asDelegateOf: BIG_APPROVER,
      summary: `approved by ${DELEGATE} as delegate of ${BIG_APPROVER}`,
    });
  });

  it("over the delegate's own limit, Approve is refused although the approver's would cover it", async () => {
    await delegateInSlack('2026-06-10', '2026-06-20');
    const posted = await submitAndAnnounce(
      t,
      manual({ invoices: [{ invoice: '1001' }, { invoice: '1002' }] }), // 643.00
    );
    await t.send(click(ids.approval.approveAction, posted, DELEGATE));
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    expect(viewOf(t.database, posted.id).status).toBe('pending');
    const [refusal] = t.fake.calls('chat.postEphemeral');
    expect(refusal?.args.text).toContain('Your limit is $500.00');
  });

  it('outside the dates the delegate is no approver', async () => {
    await delegateInSlack('2026-06-16', '2026-06-20');
    const posted = await submitAndAnnounce(t);
    await t.send(click(ids.approval.approveAction, posted, DELEGATE));
    expect(journalEntries(t.database, posted.id)).toEqual([]);
    expect(t.fake.calls('chat.postEphemeral')[0]?.args.text).toContain(
      "You don't have the approver role",
    );
  });

  it('refuses a delegation ending before it starts, naming the field', async () => {
    const saved = await delegateInSlack('2026-06-20', '2026-06-10');
    expect(saved.json).toMatchObject({
      response_action: 'errors',
      errors: { [ids.delegate.untilBlock]: expect.stringContaining('before the first day away') },
    });
  });

  it('a submission without a user is refused with a field error, nothing saved', async () => {
    const I = ids.delegate;
    const refused = await t.send(
      viewSubmission({
        callbackId: I.modal,
        userId: '',
        values: { [I.delegateBlock]: { [I.delegateInput]: { selected_user: DELEGATE } } },
      }),
    );
    expect(refused.json).toMatchObject({
      response_action: 'errors',
      errors: { [I.approverBlock]: expect.stringContaining('could not be read') },
    });
    const saved = t.database.sqlite.prepare('SELECT count(*) AS n FROM approver_delegations').get();
    expect(saved).toEqual({ n: 0 });
  });

  it('someone else cannot name a delegate for an approver', () => {
    const refused = setDelegation(deps(), {
      by: APPROVER,
      approver: BIG_APPROVER,
      delegate: DELEGATE,
      fromOn: '2026-06-15',
      untilOn: '2026-06-16',
    });
    expect(refused.ok ? null : refused.error.kind).toBe('not_allowed');
  });
});

describe('writeoff roles delegate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'writeoff-delegate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets, lists and ends a delegation; bad dates exit 1 naming the field', () => {
    const db = join(dir, 'ledger.db');
    const database = seedDatabaseFile(db);
    const cli = (...args: string[]) => runCliIn(dir, () => new Date(NOW_MS), [...args, '--db', db]);
    expect(cli('roles', 'grant', 'U0AWAY001', 'approver').code).toBe(0);
    const set = cli(
      'roles',
      'delegate',
      'U0AWAY001',
      '--to',
      DELEGATE,
      '--from',
      '2026-06-15',
      '--until',
      '2026-06-30',
    );
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain(
      `${DELEGATE} stands in for U0AWAY001 from 2026-06-15 until 2026-06-30`,
    );
    expect(cli('roles', 'list').stdout).toContain(
      `U0AWAY001  delegates to ${DELEGATE} from 2026-06-15 until 2026-06-30`,
    );
    const bad = cli(
      'roles',
      'delegate',
      'U0AWAY001',
      '--to',
      DELEGATE,
      '--from',
      '2026-06-31',
      '--until',
      '2026-07-01',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('from: "2026-06-31" is not a date');
    expect(cli('roles', 'delegate', 'U0AWAY001', '--end').stdout).toContain('Ended the delegation');
    expect(cli('roles', 'list').stdout).not.toContain('delegates to');
    database.close();
  });
});
