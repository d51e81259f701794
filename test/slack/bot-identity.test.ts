import { describe, expect, it } from 'vitest';
import { botIdentityLookup } from '../../src/slack/bot-identity.ts';

describe('botIdentityLookup', () => {
  it('asks auth.test once and shares the answer', async () => {
    let asked = 0;
    const identity = botIdentityLookup(async () => {
      asked += 1;
      return { team_id: 'T1', bot_id: 'B1', user_id: 'U1' };
    });
    const answers = await Promise.all([identity(), identity(), identity()]);
    expect(answers).toEqual(Array(3).fill({ teamId: 'T1', botId: 'B1', botUserId: 'U1' }));
    expect(asked).toBe(1);
  });

  it('asks again after a failure, so an outage at start-up does not stick', async () => {
    let asked = 0;
    const identity = botIdentityLookup(async () => {
      asked += 1;
      if (asked === 1) throw new Error('fetch failed');
      return { team_id: 'T1' };
    });
    await expect(identity()).rejects.toThrow('fetch failed');
    expect(await identity()).toEqual({ teamId: 'T1' });
    expect(asked).toBe(2);
  });

  it('refuses an answer without a team id', async () => {
    const identity = botIdentityLookup(async () => ({ bot_id: 'B1' }));
    await expect(identity()).rejects.toThrow('no team_id');
  });
});
