// `/writeoff digest on|off` and the digest's day and hour in App Home, through the real
// receiver: only managers subscribe, the zone comes from users.info, and the Home tab offers
// the schedule once subscribed.
import { afterEach, describe, expect, it } from 'vitest';
import { getDigestSubscription } from '../../src/app/digest-subscriptions.ts';
import { grantRole } from '../../src/app/roles.ts';
import { listOutboxRows } from '../../src/db/repos/outbox-delivery.ts';
import { sqliteStore, txOf } from '../../src/db/sqlite-store.ts';
import { interactiveRequest } from '../../src/sandbox/slack-signing.ts';
import { ids } from '../../src/slack/ids.ts';
import { unwrap } from '../support/app.ts';
import { expectValidOptions, expectValidView } from '../support/block-kit.ts';
import { NOW_MS } from '../support/db.ts';
import {
  appHomeOpened,
  blockAction,
  blockSuggestion,
  slashCommand,
} from '../support/slack-request.ts';
import { type ApprovalApp, CLERK, startApprovalApp } from './approval-helpers.ts';

const MANAGER = 'U0MANAGER';
let t: ApprovalApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(): Promise<ApprovalApp> {
  t = await startApprovalApp();
  const deps = {
    store: sqliteStore(t.database),
    now: () => new Date(NOW_MS),
  };
  unwrap(grantRole(deps, { by: 'system:test', userId: MANAGER, role: 'manager' }));
  return t;
}

const subscription = (app: ApprovalApp, userId = MANAGER) =>
  getDigestSubscription({ store: sqliteStore(app.database), now: () => new Date(NOW_MS) }, userId);

function homeSelect(actionId: string, value: string, type = 'static_select') {
  const { payload } = blockAction({ actionId, userId: MANAGER });
  return interactiveRequest({
    ...payload,
    container: { type: 'view', view_id: 'V0HOME' },
    actions: [
      {
        type,
        action_id: actionId,
        block_id: ids.home.digestScheduleBlock,
        selected_option: { text: { type: 'plain_text', text: value }, value },
        action_ts: '1767225600.000001',
      },
    ],
  });
}

describe('/writeoff digest', () => {
  it('is for managers only', async () => {
    const app = await start();
    const response = await app.send(slashCommand({ text: 'digest on', userId: CLERK }));
    expect(response.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('managers only'),
    });
    expect(subscription(app, CLERK)).toBeNull();
  });

  it('subscribes a manager in their Slack profile’s zone, Mondays at 08:00 by default', async () => {
    const app = await start();
    const response = await app.send(slashCommand({ text: 'digest on', userId: MANAGER }));
    expect(response.json).toMatchObject({
      text: expect.stringContaining('Weekly digest on: Mondays at 08:00 (America/New_York)'),
    });
    expect(app.fake.calls('users.info').map((c) => c.args.user)).toEqual([MANAGER]);
    expect(subscription(app)).toMatchObject({ active: true, weekday: 1, hour: 8 });
    const off = await app.send(slashCommand({ text: 'digest off', userId: MANAGER }));
    expect(off.json).toMatchObject({ text: expect.stringContaining('Weekly digest off') });
    expect(subscription(app)?.active).toBe(false);
  });

  it('offers day and hour in App Home and keeps the choice', async () => {
    const app = await start();
    await app.send(slashCommand({ text: 'digest on', userId: MANAGER }));
    await app.send(appHomeOpened({ userId: MANAGER }));
    const [home] = app.fake.calls('views.publish');
    expectValidView(home?.args.view);
    expect(JSON.stringify(home?.args.view)).toContain('*Weekly digest*: Mondays at 08:00');
    await app.send(homeSelect(ids.home.digestWeekdayAction, '5'));
    await app.send(homeSelect(ids.home.digestHourAction, '7'));
    await app.fake.waitForCalls('views.publish', 3);
    expect(subscription(app)).toMatchObject({ weekday: 5, hour: 7 });
    const last = app.fake.calls('views.publish').at(-1);
    expectValidView(last?.args.view);
    expect(JSON.stringify(last?.args.view)).toContain('*Weekly digest*: Fridays at 07:00');
  });

  it('offers every IANA zone by type-ahead in App Home; the profile’s zone is one pick away', async () => {
    const app = await start();
    await app.send(slashCommand({ text: 'digest on', userId: MANAGER }));
    const zoneAction = ids.home.digestTimezoneAction;
    const typed = (value: string) =>
      blockSuggestion({
        actionId: zoneAction,
        blockId: ids.home.digestScheduleBlock,
        value,
        userId: MANAGER,
      });
    const first = await app.send(typed(''));
    expectValidOptions(first.json);
    const firstOptions = (first.json as { options: { value: string }[] }).options;
    expect(firstOptions).toHaveLength(100);
    expect(firstOptions.slice(0, 2).map((o) => o.value)).toEqual(['profile', 'UTC']);
    const york = await app.send(typed('new york'));
    expect((york.json as { options: { value: string }[] }).options.map((o) => o.value)).toEqual([
      'America/New_York',
    ]);
    const auck = await app.send(typed('auck'));
    expect(JSON.stringify(auck.json)).toContain('Pacific/Auckland');

    await app.send(homeSelect(zoneAction, 'Pacific/Auckland', 'external_select'));
    await app.fake.waitForCalls('views.publish', 1);
    expect(subscription(app)).toMatchObject({
      timezone: 'Pacific/Auckland',
      effectiveTimezone: 'Pacific/Auckland',
    });
    const home = app.fake.calls('views.publish').at(-1)?.args.view;
    expectValidView(home);
    expect(JSON.stringify(home)).toContain('Mondays at 08:00 (Pacific/Auckland)');

    await app.send(homeSelect(zoneAction, 'profile', 'external_select'));
    await app.fake.waitForCalls('views.publish', 2);
    expect(subscription(app)).toMatchObject({
      timezone: null,
      effectiveTimezone: 'America/New_York',
    });
  });

  it('`digest now` queues last week’s digest for a manager and says so; a clerk is refused', async () => {
    const app = await start();
    const clerk = await app.send(slashCommand({ text: 'digest now', userId: CLERK }));
    expect(clerk.json).toMatchObject({ text: expect.stringContaining('managers only') });
    const now = await app.send(slashCommand({ text: 'digest now', userId: MANAGER }));
    expect(now.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(
        /^Your write-off digest for \d{4}-W\d\d \(America\/New_York\) is on its way/,
      ),
    });
    const bad = await app.send(slashCommand({ text: 'digest now 2099-W01', userId: MANAGER }));
    expect(bad.json).toMatchObject({ text: expect.stringContaining('has not begun yet') });
    const rows = listOutboxRows(txOf(app.store)).filter((r) => r.kind === 'digest_dm');
    expect(rows).toHaveLength(1);
  });
});
