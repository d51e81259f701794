// People and their settings answer alike on SQLite and PostgreSQL: roles and approver limits,
// delegations, drafts, policy versions and the audit trail.
import { expect } from 'vitest';
import * as sqliteAudit from '../../../src/db/audit.repo.ts';
import * as sqliteDelegations from '../../../src/db/delegations.repo.ts';
import * as sqliteDrafts from '../../../src/db/drafts.repo.ts';
import * as pgAudit from '../../../src/db/pg/audit.repo.ts';
import * as pgDelegations from '../../../src/db/pg/delegations.repo.ts';
import * as pgDrafts from '../../../src/db/pg/drafts.repo.ts';
import * as pgPolicy from '../../../src/db/pg/policy.repo.ts';
import * as pgRoles from '../../../src/db/pg/roles.repo.ts';
import * as sqlitePolicy from '../../../src/db/policy.repo.ts';
import * as sqliteRoles from '../../../src/db/roles.repo.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

const ROLES = pair(sqliteRoles, pgRoles, [
  'insertRole',
  'deleteRole',
  'hasRole',
  'listRoleGrants',
  'upsertApproverLimit',
  'getApproverLimit',
  'listApproverLimits',
  'listApproversCovering',
]);
const DELEGATIONS = pair(sqliteDelegations, pgDelegations, [
  'insertDelegation',
  'endDelegationsOf',
  'listActiveForDelegate',
  'listActiveDelegations',
  'listOpenDelegations',
]);
const DRAFTS = pair(sqliteDrafts, pgDrafts, [
  'insertDraft',
  'getDraftRow',
  'updateDraftRow',
  'deleteDraftRow',
  'deleteDraftsBeyond',
  'deleteDraftsOlderThan',
  'insertDraftAfterSweep',
]);
const POLICY = pair(sqlitePolicy, pgPolicy, [
  'latestPolicyVersion',
  'listPolicyVersions',
  'insertPolicyVersion',
  'getPolicyVersion',
]);
const AUDIT = pair(sqliteAudit, pgAudit, ['appendAudit', 'listAuditForRequest']);

const delegation = (approver: string, delegate: string, fromOn: string, untilOn: string) => ({
  approver,
  delegate,
  fromOn,
  untilOn,
  createdBy: 'U_ADMIN',
  createdAtMs: T0_MS,
});

contract('people and settings', LEDGER_FIXTURE, (test) => {
  test('grants and revokes roles once', async (s) => {
    const roles = s.bind(ROLES);
    expect(await roles.insertRole('U2', 'approver')).toBe(true);
    expect(await roles.insertRole('U2', 'approver')).toBe(false);
    expect(await roles.insertRole('U1', 'manager')).toBe(true);
    expect(await roles.insertRole('U1', 'approver')).toBe(true);
    expect(await roles.hasRole('U1', 'manager')).toBe(true);
    expect(await roles.listRoleGrants()).toEqual([
      { userId: 'U1', role: 'approver' },
      { userId: 'U1', role: 'manager' },
      { userId: 'U2', role: 'approver' },
    ]);
    expect(await roles.deleteRole('U1', 'manager')).toBe(true);
    expect(await roles.deleteRole('U1', 'manager')).toBe(false);
    expect(await roles.listRoleGrants('U1')).toEqual([{ userId: 'U1', role: 'approver' }]);
  });

  test('keeps one limit per user and currency and finds approvers covering a total', async (s) => {
    const roles = s.bind(ROLES);
    await roles.insertRole('U1', 'approver');
    await roles.insertRole('U2', 'approver');
    await roles.upsertApproverLimit({ userId: 'U1', currency: 'EUR', limitMinor: 1000 });
    await roles.upsertApproverLimit({ userId: 'U1', currency: 'EUR', limitMinor: 5000 });
    await roles.upsertApproverLimit({ userId: 'U2', currency: 'EUR', limitMinor: 2000 });
    await roles.upsertApproverLimit({ userId: 'U3', currency: 'EUR', limitMinor: 9000 });
    expect(await roles.getApproverLimit('U1', 'EUR')).toBe(5000);
    expect(await roles.getApproverLimit('U1', 'USD')).toBeNull();
    expect(await roles.listApproverLimits()).toHaveLength(3);
    expect(await roles.listApproversCovering('EUR', 2000)).toEqual(['U1', 'U2']);
    expect(await roles.listApproversCovering('EUR', 2001)).toEqual(['U1']);
  });

  test('lists delegations in force and ends them', async (s) => {
    const delegations = s.bind(DELEGATIONS);
    const first = await delegations.insertDelegation(
      delegation('U_B', 'U_D', '2026-06-01', '2026-06-30'),
    );
    const second = await delegations.insertDelegation(
      delegation('U_A', 'U_D', '2026-06-10', '2026-06-12'),
    );
    expect(second).toBeGreaterThan(first);
    await delegations.insertDelegation(delegation('U_C', 'U_E', '2026-07-01', '2026-07-02'));
    const active = await delegations.listActiveForDelegate('U_D', '2026-06-12');
    expect(active.map((d) => d.approver)).toEqual(['U_A', 'U_B']);
    expect(await delegations.listActiveForDelegate('U_D', '2026-06-13')).toHaveLength(1);
    expect((await delegations.listActiveDelegations('2026-07-01')).map((d) => d.approver)).toEqual([
      'U_C',
    ]);
    expect(await delegations.endDelegationsOf('U_B', T0_MS)).toBe(1);
    expect(await delegations.endDelegationsOf('U_B', T0_MS)).toBe(0);
    const open = await delegations.listOpenDelegations();
    expect(open.map((d) => [d.approver, d.endedAtMs])).toEqual([
      ['U_A', null],
      ['U_C', null],
    ]);
  });

  test('keeps drafts per user and drops old ones', async (s) => {
    const drafts = s.bind(DRAFTS);
    for (const [i, id] of ['d1', 'd2', 'd3'].entries()) {
      const atMs = T0_MS + i;
      await drafts.insertDraft({
        id,
        userId: 'U1',
        payloadJson: '{}',
        createdAtMs: atMs,
        updatedAtMs: atMs,
      });
    }
    await drafts.insertDraft({
      id: 'x',
      userId: 'U2',
      payloadJson: '{}',
      createdAtMs: 1,
      updatedAtMs: 1,
    });
    expect(await drafts.updateDraftRow('d1', 'U2', '{"a":1}', T0_MS + 10)).toBe(false);
    expect(await drafts.updateDraftRow('d1', 'U1', '{"a":1}', T0_MS + 10)).toBe(true);
    expect(await drafts.getDraftRow('d1')).toEqual({
      id: 'd1',
      userId: 'U1',
      payloadJson: '{"a":1}',
      createdAtMs: T0_MS,
      updatedAtMs: T0_MS + 10,
    });
    expect(await drafts.deleteDraftsBeyond('U1', 2)).toBe(1);
    expect(await drafts.getDraftRow('d2')).toBeNull();
    expect(await drafts.deleteDraftsOlderThan(T0_MS)).toBe(1);
    await drafts.deleteDraftRow('d3');
    expect(await drafts.getDraftRow('d3')).toBeNull();
    expect(await drafts.getDraftRow('d1')).not.toBeNull();
  });

  test("sweeps old drafts and the user's beyond the limit before a new one", async (s) => {
    const drafts = s.bind(DRAFTS);
    const row = (id: string, userId: string, atMs: number) => ({
      id,
      userId,
      payloadJson: '{}',
      createdAtMs: atMs,
      updatedAtMs: atMs,
    });
    await drafts.insertDraft(row('old', 'U2', T0_MS - 10));
    await drafts.insertDraft(row('mine-old', 'U1', T0_MS - 5));
    for (const [i, id] of ['a', 'b', 'c'].entries())
      await drafts.insertDraft(row(id, 'U1', T0_MS + i));
    await drafts.insertDraftAfterSweep(row('new', 'U1', T0_MS + 5), { beforeMs: T0_MS, keep: 2 });
    expect(await drafts.getDraftRow('old')).toBeNull();
    expect(await drafts.getDraftRow('mine-old')).toBeNull();
    expect(await drafts.getDraftRow('a')).toBeNull();
    for (const id of ['b', 'c', 'new']) expect(await drafts.getDraftRow(id)).not.toBeNull();
  });

  test('keeps every policy load and answers the latest', async (s) => {
    const policy = s.bind(POLICY);
    expect(await policy.latestPolicyVersion()).toBeNull();
    const load = (version: string, atMs: number) => ({
      version,
      contentHash: `h-${version}`,
      contentJson: '{}',
      source: 'policy.json',
      loadedAtMs: atMs,
    });
    await policy.insertPolicyVersion(load('p1', 1));
    await policy.insertPolicyVersion(load('p2', 2));
    await policy.insertPolicyVersion(load('p1', 3));
    expect((await policy.latestPolicyVersion())?.loadedAtMs).toBe(3);
    expect((await policy.listPolicyVersions()).map((p) => p.version)).toEqual(['p1', 'p2', 'p1']);
    expect((await policy.getPolicyVersion('p1'))?.loadedAtMs).toBe(3);
    expect(await policy.getPolicyVersion('p9')).toBeNull();
  });

  test("appends audit rows carrying the request's preview hash", async (s) => {
    const audit = s.bind(AUDIT);
    await audit.appendAudit({ atMs: 1, actor: 'U1', action: 'submitted', requestId: 'WO-000002' });
    await audit.appendAudit({
      atMs: 2,
      actor: 'U2',
      action: 'rejected',
      requestId: 'WO-000002',
      details: { reason: 'no' },
      slack: { channel: 'C1', ts: '1.2' },
      previewHash: 'explicit',
    });
    await audit.appendAudit({ atMs: 3, actor: 'U3', action: 'roles_changed' });
    const trail = await audit.listAuditForRequest('WO-000002');
    expect(trail.map(({ id: _id, ...row }) => row)).toEqual([
      {
        atMs: 1,
        actor: 'U1',
        action: 'submitted',
        requestId: 'WO-000002',
        details: {},
        slackChannel: null,
        slackTs: null,
        previewHash: 'hash-WO-000002',
      },
      {
        atMs: 2,
        actor: 'U2',
        action: 'rejected',
        requestId: 'WO-000002',
        details: { reason: 'no' },
        slackChannel: 'C1',
        slackTs: '1.2',
        previewHash: 'explicit',
      },
    ]);
    expect(await s.rows('SELECT id FROM audit_log WHERE request_id IS NULL')).toHaveLength(1);
  });
});
