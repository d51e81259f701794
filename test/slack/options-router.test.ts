// Options loads are answered by action id (ADR 360): a known one by its type-ahead alone, not
// through Bolt's listeners; any other one still reaches Bolt's listeners as before.
import { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { routeOptionsLoads } from '../../src/slack/options-router.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { createImportedDatabase } from '../support/db.ts';
import { blockSuggestion } from '../support/slack-request.ts';
import { suggestCustomers } from './manual-harness.ts';

const start = appPerTest();

describe('options router', () => {
  it('answers the customer type-ahead itself; Bolt listeners do not see it', async () => {
    const boltSaw: string[] = [];
    const t = await start({
      database: createImportedDatabase(),
      configure: (app) =>
        app.options(/.*/, async ({ ack, body }) => {
          boltSaw.push(body.action_id);
          await ack({ options: [] });
        }),
    });
    const routed = await suggestCustomers(t, 'acme');
    expect(routed.map((o) => o.value)).toEqual(['C100']);
    const other = await t.send(
      blockSuggestion({ actionId: 'elsewhere', blockId: 'b', value: 'x' }),
    );
    expect(other.json).toEqual({ options: [] });
    expect(boltSaw).toEqual(['elsewhere']);
  });

  it('refuses a second listener for the same action id', () => {
    const app = new App({
      token: 'xoxb-test',
      signingSecret: 'secret',
      tokenVerificationEnabled: false,
    });
    const router = routeOptionsLoads(app);
    router.on('a', async () => undefined);
    expect(() => router.on('a', async () => undefined)).toThrow(/registered twice/);
  });
});
