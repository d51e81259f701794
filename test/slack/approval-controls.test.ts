// The approval messages through the real receiver: reason (label + code) and evidence, why a
// second person must approve and with what limit, the policy version the request was made under,
// and the version at decision recorded on the request, in the audit and in the updated message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicy, recordPolicy } from '../../src/app/policy.ts';
import { getAuditTrail } from '../../src/app/request-views.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { ids } from '../../src/slack/ids.ts';
import { unwrap } from '../support/app.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { NOW_MS } from '../support/db.ts';
import {
  APPROVER,
  type ApprovalApp,
  CLERK,
  callText,
  click,
  rejectThroughSlack,
  startApprovalApp,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';

let t: ApprovalApp;
beforeEach(async () => {
  t = await startApprovalApp();
});
afterEach(() => t.close());

const deps = () => ({
  store: sqliteStore(t.database),
  now: () => new Date(NOW_MS),
});
const evidence = 'https://files.example/settlement-2026-05.pdf';

/** A policy that differs from the default (longer SLA), recorded as the one in force. */
function changePolicy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-'));
  const path = join(dir, 'policy.yml');
  writeFileSync(
    path,
    'reasons:\n  - code: dispute\n    label: Settled dispute\n    evidenceFrom: "1000.00"\nslaHours: 72\n',
  );
  return recordPolicy(deps(), unwrap(loadPolicy(path))).version;
}

describe('approval message controls', () => {
  it('shows reason, evidence, why and the policy version; approval records the version', async () => {
    const posted = await submitAndAnnounce(t, undefined, CLERK, {
      reasonCode: 'dispute',
      evidence,
    });
    const version = viewOf(t.database, posted.id).controls.policyVersion;
    expect(version).toMatch(/^p[0-9a-f]{12}$/);
    const announced = t.fake.calls('chat.postMessage');
    const parent = announced.find((c) => c.args.thread_ts === undefined);
    const reply = announced.find((c) => c.args.thread_ts === posted.parentTs);
    for (const call of [parent, reply]) {
      expectValidMessage(call?.args);
      expect(callText(call)).toContain('Settled dispute (dispute)');
      expect(callText(call)).toContain(evidence);
      expect(callText(call)).toContain('needs an approver with a limit of at least');
      expect(callText(call)).toContain(`requested under ${version}`);
    }
    await t.send(click(ids.approval.approveAction, posted, APPROVER));
    expect(viewOf(t.database, posted.id).controls.decidedPolicyVersion).toBe(version);
    const approved = getAuditTrail(deps(), posted.id).find((a) => a.action === 'approved');
    expect(approved?.details).toMatchObject({ policyVersion: version });
    const updates = t.fake.calls('chat.update');
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) {
      expect(callText(update)).toContain('decided under the same version');
    }
  });

  it('records the version in force at the decision when the policy changed meanwhile', async () => {
    const posted = await submitAndAnnounce(t, undefined, CLERK, {
      reasonCode: 'dispute',
      evidence,
    });
    const submittedUnder = viewOf(t.database, posted.id).controls.policyVersion;
    const newVersion = changePolicy();
    expect(newVersion).not.toBe(submittedUnder);
    await rejectThroughSlack(t, posted, APPROVER, 'Wrong customer');
    const view = viewOf(t.database, posted.id);
    expect(view.status).toBe('rejected');
    expect(view.controls.decidedPolicyVersion).toBe(newVersion);
    const rejected = getAuditTrail(deps(), posted.id).find((a) => a.action === 'rejected');
    expect(rejected?.details).toMatchObject({ policyVersion: newVersion });
    const parentUpdate = t.fake.calls('chat.update').find((u) => u.args.ts === posted.parentTs);
    expect(callText(parentUpdate)).toContain(
      `requested under ${submittedUnder}, decided under ${newVersion}`,
    );
  });
});
