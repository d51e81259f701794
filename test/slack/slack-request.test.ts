// Every request builder, sent signed to the real HTTP receiver, reaches the matching Bolt listener
// with the fields a feature will read; acks and respond() come back through the fake.
import type { BlockAction } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../support/app-per-test.ts';
import { expectValidOptions, expectValidView } from '../support/block-kit.ts';
import type { TestApp } from '../support/slack-app.ts';
import {
  appHomeOpened,
  blockAction,
  blockSuggestion,
  slashCommand,
  viewClosed,
  viewSubmission,
} from '../support/slack-request.ts';

const start = appPerTest();
let t: TestApp | undefined;

describe('signed request builders through Bolt', () => {
  it('slashCommand: Bolt sees the command fields', async () => {
    const seen: Record<string, string>[] = [];
    t = await start({
      configure: (app) =>
        app.command('/probe', async ({ ack, command }) => {
          seen.push({ ...command });
          await ack();
        }),
    });
    const response = await t.send(
      slashCommand({ command: '/probe', text: 'a b', userId: 'U0ME', channelId: 'C0HERE' }),
    );
    expect(response.status).toBe(200);
    expect(seen[0]).toMatchObject({
      command: '/probe',
      text: 'a b',
      user_id: 'U0ME',
      channel_id: 'C0HERE',
      api_app_id: 'A111',
    });
  });

  it('blockAction: routes by action_id and respond() reaches the fake response_url', async () => {
    t = await start({
      configure: (app) =>
        app.action('approve', async ({ ack, action, body, respond }) => {
          await ack();
          const value = 'value' in action ? action.value : undefined;
          await respond({ replace_original: true, text: `approved ${value} by ${body.user.id}` });
        }),
    });
    const responseUrl = t.fake.responseUrl('act-1');
    const response = await t.send(
      blockAction({ actionId: 'approve', value: 'req-42', userId: 'U0APPROVER', responseUrl }),
    );
    expect(response.status).toBe(200);
    expect(t.fake.responses()).toEqual([
      {
        path: '/response/act-1',
        body: { replace_original: true, text: 'approved req-42 by U0APPROVER' },
      },
    ]);
  });

  it('blockAction: carries the thread and container for chat.update', async () => {
    let container: unknown;
    t = await start({
      configure: (app) =>
        app.action<BlockAction>('approve', async ({ ack, body }) => {
          await ack();
          container = {
            container: body.container,
            threadTs: body.message?.thread_ts,
          };
        }),
    });
    await t.send(
      blockAction({
        actionId: 'approve',
        channelId: 'C0APPROVALS',
        messageTs: '1700000000.000200',
        threadTs: '1700000000.000100',
      }),
    );
    expect(container).toMatchObject({
      container: { channel_id: 'C0APPROVALS', message_ts: '1700000000.000200' },
      threadTs: '1700000000.000100',
    });
  });

  it('viewSubmission: the ack body (response_action: errors) is the HTTP answer', async () => {
    t = await start({
      configure: (app) =>
        app.view('writeoff_amounts', async ({ ack, view }) => {
          const amount = view.state.values.amt_1001?.amount?.value;
          await ack({
            response_action: 'errors',
            errors: { amt_1001: `${amount} is more than the open balance` },
          });
        }),
    });
    const response = await t.send(
      viewSubmission({
        callbackId: 'writeoff_amounts',
        privateMetadata: '{"v":1,"draftId":7}',
        values: { amt_1001: { amount: { type: 'number_input', value: '999.99' } } },
      }),
    );
    expect(response.json).toEqual({
      response_action: 'errors',
      errors: { amt_1001: '999.99 is more than the open balance' },
    });
  });

  it('viewClosed: reaches a view_closed listener', async () => {
    const closed: unknown[] = [];
    t = await start({
      configure: (app) =>
        app.view({ callback_id: 'writeoff_form', type: 'view_closed' }, async ({ ack, body }) => {
          await ack();
          closed.push({
            metadata: body.view.private_metadata,
            cleared: (body as { is_cleared?: boolean }).is_cleared,
          });
        }),
    });
    const response = await t.send(
      viewClosed({ callbackId: 'writeoff_form', privateMetadata: 'draft-9' }),
    );
    expect(response.status).toBe(200);
    expect(closed).toEqual([{ metadata: 'draft-9', cleared: false }]);
  });

  it('blockSuggestion: the options answer comes back as the HTTP body', async () => {
    t = await start({
      configure: (app) =>
        app.options('customer_search', async ({ ack, body }) => {
          await ack({
            options: [
              { text: { type: 'plain_text', text: `Acme (${body.value})` }, value: 'C100' },
            ],
          });
        }),
    });
    const response = await t.send(
      blockSuggestion({ actionId: 'customer_search', blockId: 'customer', value: 'acm' }),
    );
    expect(response.json).toEqual({
      options: [{ text: { type: 'plain_text', text: 'Acme (acm)' }, value: 'C100' }],
    });
    expectValidOptions(response.json);
  });

  it('eventCallback(app_home_opened): the listener can publish the Home tab', async () => {
    t = await start({
      configure: (app) =>
        app.event('app_home_opened', async ({ event, client }) => {
          await client.views.publish({
            user_id: event.user,
            view: {
              type: 'home',
              blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi' } }],
            },
          });
        }),
    });
    const response = await t.send(appHomeOpened({ userId: 'U0MANAGER' }));
    expect(response.status).toBe(200);
    const [call] = t.fake.calls('views.publish');
    expect(call?.args.user_id).toBe('U0MANAGER');
    expectValidView(call?.args.view);
  });

  it('answers url_verification with the challenge', async () => {
    t = await start();
    const body = JSON.stringify({ token: 't', challenge: 'abc123', type: 'url_verification' });
    const response = await t.send({ body, contentType: 'application/json', payload: {} });
    expect(response.json).toEqual({ challenge: 'abc123' });
  });
});
