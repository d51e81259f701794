// Slack out of reach as two threads meet it: the post-ack thread's clients have a
// SlackReachability of their own that tells the main thread's instead of logging, so a process
// says an outage once and its end once, whichever thread's call found it first.
import { describe, expect, it } from 'vitest';
import { type ReachabilityChange, SlackReachability } from '../../src/slack/reachability.ts';
import { type CapturedLog, capturingLogger } from '../support/slack-app.ts';

/** A fetch that fails while `state.up` is false, as fetch does when nothing answers. */
function switchableFetch(state: { up: boolean }) {
  return async () => {
    if (!state.up)
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    return new Response('{"ok":true}');
  };
}

function twoThreads() {
  const logs: CapturedLog[] = [];
  const threadLogs: CapturedLog[] = [];
  const slack = { up: false };
  const main = new SlackReachability(
    'https://slack.com/api/',
    capturingLogger(logs),
    switchableFetch(slack),
  );
  const told: ReachabilityChange[] = [];
  const thread = new SlackReachability(
    'https://slack.com/api/',
    capturingLogger(threadLogs),
    switchableFetch(slack),
    (change) => {
      told.push(change);
      main.heard(change);
    },
  );
  const call = (r: SlackReachability) => r.fetch('https://slack.com/api/x').catch(() => 'failed');
  return { logs, threadLogs, slack, main, thread, told, call };
}

const messages = (logs: CapturedLog[]) => logs.map((l) => `${l.level} ${l.message}`);

describe('Slack unreachable from two threads', () => {
  it('says an outage once when both threads meet it, the thread first', async () => {
    const { logs, threadLogs, slack, main, thread, told, call } = twoThreads();
    await call(thread);
    await call(main);
    await call(thread);
    slack.up = true;
    await call(thread);
    await call(main);
    expect(told).toEqual([{ down: true, cause: 'connect ECONNREFUSED' }, { down: false }]);
    expect(threadLogs).toEqual([]);
    expect(messages(logs)).toEqual([
      expect.stringMatching(/^warn Slack is unreachable at slack\.com \(connect ECONNREFUSED\)/),
      'info Slack answers again at slack.com',
    ]);
  });

  it('says nothing more when the main thread met the outage first', async () => {
    const { logs, slack, main, thread, call } = twoThreads();
    await call(main);
    await call(thread);
    slack.up = true;
    await call(main);
    await call(thread);
    expect(messages(logs)).toEqual([
      expect.stringMatching(/^warn Slack is unreachable at slack\.com/),
      'info Slack answers again at slack.com',
    ]);
  });

  it("keeps the main thread's SDK logger quiet during an outage only the thread has met", async () => {
    const { logs, thread, call, main } = twoThreads();
    await call(thread);
    main.sdkLogger().warn('http request failed', 'fetch failed');
    expect(main.isDown).toBe(true);
    expect(messages(logs)).toEqual([expect.stringMatching(/^warn Slack is unreachable/)]);
  });
});
