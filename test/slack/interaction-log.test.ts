// One `slack.interaction` log line per request (docs/operations.md, ADR 330): a bare `/writeoff`
// is acknowledged on the main thread and worked on by the post-ack thread (ADR 201); the main
// thread writes no line for it and hands its request id over, and the thread's line carries it.
import { afterEach, describe, expect, it } from 'vitest';
import { manualIds } from '../../src/slack/ids.ts';
import { type HandedOverRequest, handedOverProperties } from '../../src/slack/telemetry.ts';
import type { CapturedLog } from '../support/slack-app.ts';
import { slashCommand } from '../support/slack-request.ts';
import { type ApprovalApp, CLERK, startApprovalApp } from './approval-helpers.ts';

let apps: ApprovalApp[] = [];
afterEach(async () => {
  for (const app of apps) await app.close();
  apps = [];
});

const interactionLines = (logs: readonly CapturedLog[]) =>
  logs
    .filter((log) => log.message.includes('"slack.interaction"'))
    .map((log) => JSON.parse(log.message) as Record<string, unknown>);

describe('the interaction log of a handed-over /writeoff', () => {
  it('has no line on the main thread, which hands its request id to the thread', async () => {
    const handed: { body: unknown; request: HandedOverRequest }[] = [];
    const t = await startApprovalApp({
      deps: {
        postAck: { ready: () => true, dispatch: (body, request) => handed.push({ body, request }) },
      },
    });
    apps.push(t);
    const response = await t.send(slashCommand({ userId: CLERK }));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(handed).toHaveLength(1);
    expect(handed[0]?.request.requestId).toMatch(/^[0-9a-f]{8}$/);
    expect(interactionLines(t.logs)).toEqual([]);
  });

  it('has one line in the thread, under the id the main thread gave it', async () => {
    // The thread runs the product's app exactly like this: processEvent with the hand-over record.
    const t = await startApprovalApp();
    apps.push(t);
    const command = slashCommand({ userId: CLERK });
    const request = { requestId: 'feedbeef', startedAtNs: process.hrtime.bigint() };
    await t.app.processEvent({
      body: command.payload,
      ack: async () => undefined,
      customProperties: handedOverProperties(request),
    });
    expect(t.fake.calls('views.open')).toHaveLength(1);
    const [update] = await t.fake.waitForCalls('views.update');
    const view = update?.args.view as { callback_id?: string } | undefined;
    expect(view?.callback_id).toBe(manualIds.formCallback);
    const lines = interactionLines(t.logs);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      requestId: 'feedbeef',
      interaction: 'slash_command',
      command: '/writeoff',
      user: CLERK,
      outcome: 'ok',
    });
  });

  it('stays one line on the main thread for a request that is not handed over', async () => {
    const handed: unknown[] = [];
    const t = await startApprovalApp({
      deps: { postAck: { ready: () => true, dispatch: (body) => handed.push(body) } },
    });
    apps.push(t);
    const response = await t.send(slashCommand({ text: 'help', userId: CLERK }));
    expect(response.status).toBe(200);
    expect(handed).toEqual([]);
    const lines = interactionLines(t.logs);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ interaction: 'slash_command', outcome: 'ok' });
    expect(String(lines[0]?.requestId)).toMatch(/^[0-9a-f]{8}$/);
  });
});
