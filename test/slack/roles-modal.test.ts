// `/writeoff roles` through the real receiver: only admins get the modal; each submission applies
// one validated change, is audited, and the modal updates in place with the new list. The
// first admin comes from WRITEOFF_ADMINS (deps.admins).
import { afterEach, describe, expect, it } from 'vitest';
import { userHasRole } from '../../src/app/roles.ts';
import { getApproverLimit } from '../../src/db/repos/roles.ts';
import { sqliteStore, txOf } from '../../src/db/sqlite-store.ts';
import { ids } from '../../src/slack/ids.ts';
import { expectValidView } from '../support/block-kit.ts';
import { NOW_MS } from '../support/db.ts';
import { slashCommand, viewSubmission } from '../support/slack-request.ts';
import { ADMIN, APPROVER, type ApprovalApp, CLERK, startApprovalApp } from './approval-helpers.ts';

let t: ApprovalApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(admins: readonly string[] = []): Promise<ApprovalApp> {
  t = await startApprovalApp({ deps: { admins } });
  return t;
}

const deps = (app: ApprovalApp) => ({
  store: sqliteStore(app.database),
  now: () => new Date(NOW_MS),
});

function submitChange(
  app: ApprovalApp,
  by: string,
  change: { user: string; change: string; role: string; limit?: string },
) {
  const selected = (value: string) => ({ type: 'static_select', selected_option: { value } });
  return app.send(
    viewSubmission({
      callbackId: ids.roles.modal,
      privateMetadata: '{"v":1}',
      userId: by,
      values: {
        [ids.roles.userBlock]: {
          [ids.roles.userInput]: { type: 'users_select', selected_user: change.user },
        },
        [ids.roles.changeBlock]: { [ids.roles.changeInput]: selected(change.change) },
        [ids.roles.roleBlock]: { [ids.roles.roleInput]: selected(change.role) },
        [ids.roles.limitBlock]: {
          [ids.roles.limitInput]: { type: 'plain_text_input', value: change.limit ?? null },
        },
      },
    }),
  );
}

function auditActions(app: ApprovalApp): { actor: string; action: string }[] {
  return app.database.sqlite
    .prepare(
      "SELECT actor, action FROM audit_log WHERE action LIKE 'role%' OR action LIKE 'approver%' ORDER BY id",
    )
    .all() as { actor: string; action: string }[];
}

describe('/writeoff roles', () => {
  it('is refused to someone who is not an admin, naming the admins', async () => {
    const app = await start();
    const response = await app.send(slashCommand({ text: 'roles', userId: CLERK }));
    expect(response.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining(`Ask an admin: <@${ADMIN}>`),
    });
    expect(app.fake.calls('views.open')).toHaveLength(0);
  });

  it('opens the modal for an admin with every role and limit listed', async () => {
    const app = await start();
    await app.send(slashCommand({ text: 'roles', userId: ADMIN, triggerId: 'trig-roles' }));
    const [open] = app.fake.calls('views.open');
    expect(open?.args.trigger_id).toBe('trig-roles');
    expectValidView(open?.args.view);
    const view = JSON.stringify(open?.args.view);
    expect(view).toContain(`<@${APPROVER}>: approver (limit $1,000.00 USD)`);
    expect(view).toContain(`<@${ADMIN}>: admin`);
  });

  it('grants the approver role with a limit, audited, and shows the new list', async () => {
    const app = await start();
    const response = await submitChange(app, ADMIN, {
      user: 'U_NEW',
      change: 'grant',
      role: 'approver',
      limit: '5000.00',
    });
    const body = response.json as { response_action: string; view: unknown };
    expect(body.response_action).toBe('update');
    expectValidView(body.view);
    expect(JSON.stringify(body.view)).toContain(
      'Granted approver to <@U_NEW>. Limit set to $5,000.00.',
    );
    expect(userHasRole(deps(app), 'U_NEW', 'approver')).toBe(true);
    expect(getApproverLimit(txOf(app.store), 'U_NEW', 'USD')).toBe(500_000);
    expect(auditActions(app).slice(-2)).toEqual([
      { actor: ADMIN, action: 'role_granted' },
      { actor: ADMIN, action: 'approver_limit_set' },
    ]);
  });

  it.each([
    [{ user: 'U_NEW', change: 'grant', role: 'approver' }, ids.roles.limitBlock, 'Set a limit'],
    [
      { user: 'U_NEW', change: 'grant', role: 'approver', limit: '12.345' },
      ids.roles.limitBlock,
      'decimals',
    ],
    [
      { user: 'U_NEW', change: 'grant', role: 'clerk', limit: '10' },
      ids.roles.limitBlock,
      'only when granting',
    ],
    [{ user: ADMIN, change: 'revoke', role: 'admin' }, ids.roles.roleBlock, 'last admin'],
  ])(
    'answers a bad change next to its field and writes nothing (%o)',
    async (change, block, message) => {
      const app = await start();
      const before = auditActions(app).length;
      const response = await submitChange(app, ADMIN, change);
      expect(response.json).toMatchObject({
        response_action: 'errors',
        errors: { [block]: expect.stringContaining(message) },
      });
      expect(auditActions(app)).toHaveLength(before);
      expect(userHasRole(deps(app), 'U_NEW', 'approver')).toBe(false);
    },
  );

  it('refuses a submission from someone who is not an admin', async () => {
    const app = await start();
    const response = await submitChange(app, CLERK, {
      user: CLERK,
      change: 'grant',
      role: 'admin',
    });
    expect(response.json).toMatchObject({ response_action: 'errors' });
    expect(userHasRole(deps(app), CLERK, 'admin')).toBe(false);
  });

  it('makes the WRITEOFF_ADMINS user an admin (audited) so they can open it', async () => {
    const app = await start(['U_BOOT']);
    await app.send(slashCommand({ text: 'roles', userId: 'U_BOOT' }));
    expect(app.fake.calls('views.open')).toHaveLength(1);
    expect(userHasRole(deps(app), 'U_BOOT', 'admin')).toBe(true);
    expect(auditActions(app).at(-1)).toEqual({ actor: 'system:bootstrap', action: 'role_granted' });
  });
});
