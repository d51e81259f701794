// The walkthrough's stage: a fake Slack Web API on 127.0.0.1 that remembers the ts of every message
// it posts, a scratch folder with the database, the signing secret and port of `npm start`, the
// people who click, and the transcript: each check and step is printed as it happens.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FakeSlackApi,
  type RecordedCall,
  startFakeSlackApi,
} from '../src/sandbox/fake-slack-api.ts';
import { defaultHandlers } from '../src/sandbox/fake-slack-methods.ts';
import { type People, type PostedMessage, people, type Stage } from './walkthrough-people.ts';
import { freePort, indent, type Product, runCli, stopProduct } from './walkthrough-process.ts';
import { describeCall, type Modal, VISIBLE } from './walkthrough-support.ts';

export interface Walkthrough extends Stage {
  readonly fake: FakeSlackApi;
  readonly work: string;
  readonly dbPath: string;
  readonly port: number;
  readonly failures: string[];
  readonly people: People;
  /** `npm start`, once started. */
  product: Product | undefined;
  /** Starts a step of the story: prints what happened so far, then its title. */
  step(title: string): void;
  /** Runs the writeoff CLI on the walkthrough's database; checks that it succeeds. */
  cli(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startWalkthrough(): Promise<Walkthrough> {
  const failures: string[] = [];
  const check = (condition: boolean, what: string): void => {
    console.log(`    ${condition ? 'ok  ' : 'FAIL'} ${what}`);
    if (!condition) failures.push(what);
  };

  const ownHandlers = defaultHandlers();
  const posted: PostedMessage[] = [];
  const fake = await startFakeSlackApi({
    'chat.postMessage': (args) => {
      const reply = ownHandlers['chat.postMessage']?.(args) ?? { body: { ok: false } };
      const ts = (reply.body as { ts?: string }).ts ?? '';
      const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
      posted.push({ channel: String(args.channel), ts, threadTs, call: args });
      return reply;
    },
  });

  const work = mkdtempSync(join(tmpdir(), 'writeoff-walkthrough-'));
  const dbPath = join(work, 'writeoff.db');
  const secret = randomBytes(16).toString('hex');
  const port = await freePort();
  const eventsUrl = `http://127.0.0.1:${port}${'/slack/events'}`;
  let seen = 0;

  /** Prints the Slack calls made since the last print, as the people involved would see them. */
  function transcript(modal?: Modal): void {
    const calls = fake.calls().slice(seen);
    seen += calls.length;
    for (const call of calls.filter((c) => VISIBLE.has(c.method))) {
      console.log(describeCall(call).join('\n'));
    }
    if (modal !== undefined) {
      const shown: RecordedCall = {
        method: 'views.update',
        args: { view: modal.view() },
        token: '',
      };
      console.log(describeCall(shown).join('\n').replace('views.update', 'ack: update'));
    }
  }

  const w: Walkthrough = {
    fake,
    posted,
    eventsUrl,
    secret,
    work,
    dbPath,
    port,
    failures,
    check,
    transcript,
    product: undefined,
    people: people({ fake, posted, eventsUrl, secret, check, transcript }),
    step(title) {
      transcript();
      console.log(`\n== ${title}`);
    },
    async cli(args) {
      const run = await runCli(dbPath, args);
      console.log(`    $ writeoff ${args.join(' ')}  → exit ${run.status}`);
      if (run.stderr.trim() !== '') console.log(indent(run.stderr));
      check(run.status === 0, `writeoff ${args[0]} succeeds`);
      return run.stdout;
    },
    async stop() {
      await stopProduct(w.product);
      await fake.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
  return w;
}
