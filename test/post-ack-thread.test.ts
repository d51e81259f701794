// The post-ack thread (ADR 201) for real: a worker thread with its own connection to the database
// file and its own Web API client. The main thread acknowledges a bare `/writeoff` with an empty
// 200 and hands the body over; the thread opens the modal, creates the draft and swaps in step 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningPostAck, startPostAckThread } from '../src/post-ack-thread.ts';
import { manualIds } from '../src/slack/ids.ts';
import {
  type PostAckDispatcher,
  TOO_BUSY_TO_OPEN,
  TRIGGER_USABLE_MS,
} from '../src/slack/post-ack.ts';
import {
  type ApprovalApp,
  CLERK,
  seedDatabaseFile,
  startApprovalApp,
} from './slack/approval-helpers.ts';
import { slashCommand, TEST_BOT_TOKEN } from './support/slack-request.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function startWithThread(): Promise<{ t: ApprovalApp; thread: RunningPostAck }> {
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-post-ack-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'w.db');
  // The app exists before the thread, which needs the fake Slack's URL: a late-bound dispatcher.
  let thread: RunningPostAck | undefined;
  const postAck: PostAckDispatcher = {
    ready: () => thread?.ready() ?? false,
    dispatch: (body, request) => thread?.dispatch(body, request),
  };
  const t = await startApprovalApp({
    database: seedDatabaseFile(path),
    ownDatabase: true,
    deps: { postAck },
  });
  cleanup.push(() => t.close());
  const started = startPostAckThread(
    {
      location: { kind: 'sqlite', path },
      botToken: TEST_BOT_TOKEN,
      slackApiUrl: t.fake.url,
      approvalsChannel: t.deps.approvalsChannel,
      admins: [],
      pretty: false,
    },
    { logger: t.deps.logger },
  );
  thread = started;
  cleanup.push(() => started.stop());
  for (let waited = 0; !started.ready(); waited += 20) {
    if (waited > 30_000) throw new Error('the post-ack thread did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { t, thread: started };
}

describe('the post-ack thread', () => {
  it('opens the write-off form for a bare /writeoff acknowledged on the main thread', async () => {
    const { t } = await startWithThread();
    const response = await t.send(slashCommand({ userId: CLERK }));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');

    const callback = (call: { args: Record<string, unknown> } | undefined) =>
      (call?.args.view as { callback_id?: string } | undefined)?.callback_id;
    const [update] = await t.fake.waitForCalls('views.update');
    expect(callback(t.fake.calls('views.open')[0])).toBe(manualIds.loadingCallback);
    expect(callback(update)).toBe(manualIds.formCallback);
    const drafts = t.database.sqlite.prepare('SELECT user_id AS userId FROM drafts').all();
    expect(drafts).toEqual([{ userId: CLERK }]);
  });

  it('opens every modal of a burst larger than what it runs at once, in turn', async () => {
    const { t, thread } = await startWithThread();
    const burst = Array.from({ length: 40 }, () => slashCommand({ userId: CLERK }).payload);
    // Stamped a minute ahead: this checks order and completeness, not the trigger deadline
    // (a slow machine must not turn the test into a shedding one).
    for (const body of burst) thread.dispatch(body, undefined, Date.now() + 60_000);
    await t.fake.waitForCalls('views.update', burst.length);
    const opened = t.fake.calls('views.open').map((call) => call.args.trigger_id);
    expect(opened).toEqual(burst.map((body) => body.trigger_id));
  });

  it('tells the user to retry, opening nothing, when a command waited past its trigger id', async () => {
    const { t, thread } = await startWithThread();
    const command = slashCommand({ userId: CLERK, responseUrl: t.fake.responseUrl('late') });
    thread.dispatch(command.payload, undefined, Date.now() - TRIGGER_USABLE_MS - 1000);
    for (let waited = 0; t.fake.responses().length === 0; waited += 20) {
      if (waited > 10_000) throw new Error('nothing was said to the user');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(t.fake.responses()[0]?.body).toMatchObject({
      response_type: 'ephemeral',
      text: TOO_BUSY_TO_OPEN,
    });
    expect(t.fake.calls('views.open')).toEqual([]);
  });

  it('leaves sub-commands to the main thread (their ack carries the answer)', async () => {
    const { t } = await startWithThread();
    const response = await t.send(slashCommand({ text: 'help', userId: CLERK }));
    expect(response.status).toBe(200);
    expect(response.text).toContain('/writeoff');
  });
});
