// Requests that pass Bolt's signature check but must still be refused, through the real receiver:
// timestamps from the future, a signed request replayed (the roles modal after a revoke), and a
// request from another workspace (an Approve from a foreign team id). Refused means 401 and no
// listener ran: nothing posted, nothing changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedSignatureLog } from '../../src/app/request-signatures.ts';
import { userHasRole } from '../../src/app/roles.ts';
import {
  openDatabase,
  openTestDatabase,
  SERVER_BUSY_TIMEOUT_MS,
  setBusyTimeout,
} from '../../src/db/client.ts';
import { ids, manualIds } from '../../src/slack/ids.ts';
import { SeenSignatures } from '../../src/slack/request-guard.ts';
import { NOW_MS } from '../support/db.ts';
import { FAKE_TEAM_ID } from '../support/fake-slack-api.ts';
import {
  blockSuggestion,
  type SlackRequest,
  slashCommand,
  TEST_USER_ID,
  viewSubmission,
} from '../support/slack-request.ts';
import {
  ADMIN,
  APPROVER,
  type ApprovalApp,
  CLERK,
  click,
  journalEntries,
  seedDatabaseFile,
  startApprovalApp,
  submitAndAnnounce,
  viewOf,
} from './approval-helpers.ts';

let t: ApprovalApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(options: Parameters<typeof startApprovalApp>[0] = {}) {
  t = await startApprovalApp({ deps: { admins: [ADMIN] }, ...options });
  return t;
}

const nowSec = () => Math.floor(Date.now() / 1000);
const help = () => slashCommand({ text: 'help', userId: CLERK });

/** The same request as if sent by another workspace (every team id in it replaced). */
function fromTeam(request: SlackRequest, teamId: string): SlackRequest {
  const payload = structuredClone(request.payload) as Record<string, Record<string, unknown>>;
  payload.team = { ...payload.team, id: teamId };
  if (payload.user !== undefined) payload.user = { ...payload.user, team_id: teamId };
  return {
    body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    contentType: request.contentType,
    payload,
  };
}

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

describe('request timestamps', () => {
  it.each([
    ['an hour', 3600],
    ['a year', 365 * 24 * 3600],
    ['six minutes', 6 * 60],
  ])('refuses a request signed %s in the future', async (_label, aheadSec) => {
    const app = await start();
    const response = await app.send(help(), { timestamp: nowSec() + aheadSec });
    expect(response.status).toBe(401);
    expect(response.text).toBe('');
    expect(app.fake.calls()).toEqual([]);
  });

  it('accepts small clock drift (a minute ahead)', async () => {
    const app = await start();
    const response = await app.send(help(), { timestamp: nowSec() + 60 });
    expect(response.status).toBe(200);
    expect(response.text).toContain('/writeoff');
  });
});

describe('replayed requests', () => {
  it('refuses a captured roles grant replayed after a revoke', async () => {
    const app = await start();
    const deps = { database: app.database, now: () => new Date(NOW_MS) };
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
      const deps = { database: first.database, now: () => new Date(NOW_MS) };
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
        const deps = { database: after.database, now: () => new Date(NOW_MS) };
        expect(userHasRole(deps, TEST_USER_ID, 'approver')).toBe(false);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the shared signature log', () => {
  const quiet = { warn: () => undefined };

  it('writes in a batch after the request, keeping one row per signature while its window is open', () => {
    const database = openTestDatabase();
    let now = 1000;
    const log = sharedSignatureLog({ database }, { ...quiet, nowSec: () => now });
    try {
      log.record('v0=a', 1300);
      log.record('v0=b', 1300);
      // Queued, not yet written: this process's own memory refuses a replay meanwhile.
      expect(log.seen('v0=a', now)).toBe(false);
      expect(log.flush()).toBe(true);
      expect(log.seen('v0=a', 1100)).toBe(true);
      expect(log.seen('v0=a', 1301)).toBe(false);
      now = 1400;
      log.record('v0=c', 1700);
      log.flush();
      const rows = database.sqlite.prepare('SELECT signature FROM slack_request_signatures').all();
      expect(rows).toEqual([{ signature: 'v0=c' }]);
    } finally {
      database.close();
    }
  });

  it('says when another process recorded the same signature first', () => {
    const database = openTestDatabase();
    const warnings: string[] = [];
    const options = { nowSec: () => 1000, warn: (m: string) => void warnings.push(m) };
    const one = sharedSignatureLog({ database }, options);
    const two = sharedSignatureLog({ database }, options);
    try {
      one.record('v0=a', 1300);
      two.record('v0=a', 1300);
      one.flush();
      two.flush();
      expect(warnings).toEqual([expect.stringContaining('handled by two processes')]);
    } finally {
      database.close();
    }
  });
});

describe('the shared memory never waits', () => {
  it('reads while another process holds the write lock, and writes once it is released', () => {
    const dir = mkdtempSync(join(tmpdir(), 'writeoff-signatures-'));
    const serving = openDatabase(join(dir, 'w.db'));
    const other = openDatabase(join(dir, 'w.db'));
    const log = sharedSignatureLog({ database: serving }, { nowSec: () => 1000, warn: () => {} });
    try {
      setBusyTimeout(serving, SERVER_BUSY_TIMEOUT_MS);
      log.record('v0=a', 1300);
      log.flush();
      other.sqlite.exec('BEGIN IMMEDIATE');
      expect(log.seen('v0=a', 1000)).toBe(true);
      log.record('v0=b', 1300);
      expect(log.flush()).toBe(false);
      expect(log.seen('v0=b', 1000)).toBe(false);
      other.sqlite.exec('ROLLBACK');
      expect(log.flush()).toBe(true);
      expect(log.seen('v0=b', 1000)).toBe(true);
    } finally {
      other.close();
      serving.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('type-ahead lookups', () => {
  it('answers the same lookup twice (they change nothing and carry no trigger id)', async () => {
    const app = await start();
    const lookup = blockSuggestion({
      actionId: manualIds.customerAction,
      blockId: manualIds.customerBlock,
      value: 'acme',
    });
    const timestamp = nowSec();
    expect((await app.send(lookup, { timestamp })).status).toBe(200);
    expect((await app.send(lookup, { timestamp })).status).toBe(200);
  });
});

describe('the installed workspace only', () => {
  it('refuses an Approve from another team: nothing posted, nothing said', async () => {
    const app = await start();
    const posted = await submitAndAnnounce(app);
    app.fake.reset();
    const forged = fromTeam(click(ids.approval.approveAction, posted, APPROVER), 'T0OTHERTEAM');
    const response = await app.send(forged);
    expect(response.status).toBe(401);
    expect(journalEntries(app.database, posted.id)).toEqual([]);
    expect(viewOf(app.database, posted.id).status).toBe('pending');
    expect(app.fake.calls()).toEqual([]);
    expect(app.fake.responses()).toEqual([]);
    expect(app.logs.some((l) => l.level === 'warn' && l.message.includes('T0OTHERTEAM'))).toBe(
      true,
    );
  });

  it('refuses a slash command from another team', async () => {
    const app = await start();
    const response = await app.send(slashCommand({ text: 'help', teamId: 'T0OTHERTEAM' }));
    expect(response.status).toBe(401);
  });

  it('learns the installed team from auth.test when it is not configured', async () => {
    const app = await start({ knownBotIds: false });
    expect((await app.send(help())).status).toBe(200);
    expect(app.fake.calls('auth.test').length).toBeGreaterThan(0);
    const foreign = await app.send(slashCommand({ text: 'help', teamId: 'T0OTHERTEAM' }));
    expect(foreign.status).toBe(401);
    expect(FAKE_TEAM_ID).not.toBe('T0OTHERTEAM');
  });
});

describe('SeenSignatures', () => {
  it('forgets a signature once its timestamp has left the replay window', () => {
    const seen = new SeenSignatures();
    expect(seen.firstSeen('v0=a', 1000, 1000)).toBe(true);
    expect(seen.firstSeen('v0=a', 1000, 1200)).toBe(false);
    expect(seen.firstSeen('v0=b', 1000, 1200)).toBe(true);
    // Past the window (Bolt refuses such a request as too old before it gets here).
    expect(seen.firstSeen('v0=c', 2000, 2000)).toBe(true);
    expect(seen.size).toBe(1);
  });
});
