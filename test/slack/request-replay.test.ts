// A signed request captured and sent again is refused (401, no listener ran), in one process,
// across processes on one database and after a restart: the roles modal replayed after a revoke.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userHasRole } from '../../src/app/roles.ts';
import { openDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { ids } from '../../src/slack/ids.ts';
import { NOW_MS } from '../support/db.ts';
import { type SlackRequest, TEST_USER_ID, viewSubmission } from '../support/slack-request.ts';
import { ADMIN, seedDatabaseFile, startApprovalApp } from './approval-helpers.ts';
import { appPerTest, help, nowSec } from './request-guard-helpers.ts';

const start = appPerTest();

function grantApprover(userId: string, change: 'grant' | 'revoke'): SlackRequest {
  const selected = (value: string) => ({ type: 'static_select', selected_option: { value } });
  return viewSubmission({
    callbackId: ids.roles.modal,
    privateMetadata: '{"v":1}',
    userId: ADMIN,
    values: {
      [ids.roles.userBlock]: {
        [ids.roles.userInput]: { type: 'users_select', selected_user: userId },
      },
      [ids.roles.changeBlock]: { [ids.roles.changeInput]: selected(change) },
      [ids.roles.roleBlock]: { [ids.roles.roleInput]: selected('approver') },
      [ids.roles.limitBlock]: {
        [ids.roles.limitInput]: {
          type: 'plain_text_input',
          value: change === 'grant' ? '5000.00' : null,
        },
      },
    },
  });
}

describe('replayed requests', () => {
  it('refuses a captured roles grant replayed after a revoke', async () => {
    const app = await start();
    const deps = {
      store: sqliteStore(app.database),
      now: () => new Date(NOW_MS),
    };
    const grant = grantApprover(TEST_USER_ID, 'grant');
    const timestamp = nowSec();
    expect((await app.send(grant, { timestamp })).status).toBe(200);
    expect(userHasRole(deps, TEST_USER_ID, 'approver')).toBe(true);
    expect((await app.send(grantApprover(TEST_USER_ID, 'revoke'))).status).toBe(200);
    expect(userHasRole(deps, TEST_USER_ID, 'approver')).toBe(false);

    const replay = await app.send(grant, { timestamp });
    expect(replay.status).toBe(401);
    expect(userHasRole(deps, TEST_USER_ID, 'approver')).toBe(false);
  });

  it('refuses the same signature twice, and a fresh signature of the same body is fine', async () => {
    const app = await start();
    const timestamp = nowSec();
    const request = help();
    expect((await app.send(request, { timestamp })).status).toBe(200);
    expect((await app.send(request, { timestamp })).status).toBe(401);
    expect((await app.send(request, { timestamp: timestamp - 1 })).status).toBe(200);
  });
});

describe('replays across processes on one database', () => {
  it('refuses at a second app a roles grant the first one already handled', async () => {
    const first = await start();
    const second = await startApprovalApp({ database: first.database, deps: { admins: [ADMIN] } });
    try {
      const deps = {
        store: sqliteStore(first.database),
        now: () => new Date(NOW_MS),
      };
      const grant = grantApprover(TEST_USER_ID, 'grant');
      const timestamp = nowSec();
      expect((await first.send(grant, { timestamp })).status).toBe(200);
      expect((await first.send(grantApprover(TEST_USER_ID, 'revoke'))).status).toBe(200);
      expect((await second.send(grant, { timestamp })).status).toBe(401);
      expect(userHasRole(deps, TEST_USER_ID, 'approver')).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('refuses a replay after a restart: the deferred write was made before the app stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'writeoff-restart-'));
    const path = join(dir, 'w.db');
    const grant = grantApprover(TEST_USER_ID, 'grant');
    const timestamp = nowSec();
    try {
      const before = await startApprovalApp({
        database: seedDatabaseFile(path),
        ownDatabase: true,
        deps: { admins: [ADMIN] },
      });
      expect((await before.send(grant, { timestamp })).status).toBe(200);
      expect((await before.send(grantApprover(TEST_USER_ID, 'revoke'))).status).toBe(200);
      await before.close();

      const after = await startApprovalApp({
        database: openDatabase(path),
        ownDatabase: true,
        deps: { admins: [ADMIN] },
      });
      try {
        expect((await after.send(grant, { timestamp })).status).toBe(401);
        const deps = {
          store: sqliteStore(after.database),
          now: () => new Date(NOW_MS),
        };
        expect(userHasRole(deps, TEST_USER_ID, 'approver')).toBe(false);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
