// What a listener gets from `deliverFor` once a pass ran (docs/decisions/291-approval-click-path.md):
// where the request is announced, read from its row, and what the pass sent: an announcement's
// parent before its reply (the reply needs the parent's ts), a decision's two message edits
// rendered from one read of the request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { getRequestView } from '../../src/app/request-views.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { requestNotifications } from '../../src/jobs/outbox-worker.ts';
import { notifierClient, slackNotifier } from '../../src/slack/notifier.ts';
import { APPROVER, seedDatabase, submit } from '../slack/approval-helpers.ts';
import { unwrap } from '../support/app.ts';
import { NOW_MS } from '../support/db.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../support/fake-slack-api.ts';
import { capturingLogger } from '../support/slack-app.ts';

let fake: FakeSlackApi;
let database: Database;
const app = (): AppDeps => ({ store: sqliteStore(database), now: () => new Date(NOW_MS) });
const notifications = () =>
  requestNotifications({
    store: sqliteStore(database),
    notifier: slackNotifier(notifierClient('xoxb-test', fake.url), 'C0APPROVALS'),
    logger: capturingLogger([]),
    admins: [],
    now: () => new Date(NOW_MS),
  });

beforeEach(async () => {
  fake = await startFakeSlackApi();
  database = seedDatabase(openTestDatabase());
});
afterEach(async () => {
  await fake.close();
  database.close();
  fake.verify();
});

describe('deliverFor', () => {
  it('answers where the request is announced, as its full view says', async () => {
    const id = submit(database);
    const thread = await notifications().deliverFor(id);
    expect(thread).not.toBeNull();
    expect(thread).toEqual(getRequestView(app(), id)?.slack);
    const [parent, reply] = fake.calls('chat.postMessage');
    expect(parent?.args.thread_ts).toBeUndefined();
    expect(reply?.args.thread_ts).toBe(thread?.ts);
  });

  it('edits the parent and the reply once each after a decision, and answers null for no request', async () => {
    const id = submit(database);
    const thread = await notifications().deliverFor(id);
    unwrap(approveRequest(app(), { requestId: id, approver: APPROVER }));
    expect(await notifications().deliverFor(id)).toEqual(thread);
    const edited = fake.calls('chat.update').map((u) => u.args.ts);
    expect(edited.sort()).toEqual([thread?.ts, thread?.threadTs].sort());
    expect(await notifications().deliverFor('WO-999999')).toBeNull();
  });
});
