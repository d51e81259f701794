// Requests that pass Bolt's signature check but must still be refused, through the real receiver:
// timestamps from the future and a request from another workspace (an Approve from a foreign team
// id). Refused means 401 and no listener ran: nothing posted, nothing changed. Replays are in
// request-replay.test.ts.
import { describe, expect, it } from 'vitest';
import { ids, manualIds } from '../../src/slack/ids.ts';
import { SeenSignatures } from '../../src/slack/request-guard.ts';
import { FAKE_TEAM_ID } from '../support/fake-slack-api.ts';
import { blockSuggestion, type SlackRequest, slashCommand } from '../support/slack-request.ts';
import { APPROVER, click, journalEntries, submitAndAnnounce, viewOf } from './approval-helpers.ts';
import { appPerTest, help, nowSec } from './request-guard-helpers.ts';

const start = appPerTest();

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
