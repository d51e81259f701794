// Shared set-up for the approval-flow tests: the real app over a migrated database with the
// small A/R file imported and the usual cast (a clerk, an approver up to $1,000.00, a big
// approver up to $100,000.00, an admin), plus helpers to submit and announce a request and to
// click its buttons over signed HTTP.
import type { AppDeps } from '../../src/app/deps.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { getRequestView, type RequestView } from '../../src/app/request-views.ts';
import { type SubmitInput, submitRequest } from '../../src/app/submit-request.ts';
import { type Database, openDatabase, openTestDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import type { ManualRequest } from '../../src/domain/manual.ts';
import { announceRequest } from '../../src/slack/announce-request.ts';
import { ids } from '../../src/slack/ids.ts';
import {
  ADMIN,
  APPROVER,
  BIG_APPROVER,
  CLERK,
  manual,
  seedDatabase,
  TEST_REASON,
  unwrap,
} from '../support/app.ts';
import { NOW_MS } from '../support/db.ts';
import type { RecordedCall } from '../support/fake-slack-api.ts';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/slack-app.ts';
import { blockAction, type SlackRequest, viewSubmission } from '../support/slack-request.ts';

export { ADMIN, APPROVER, BIG_APPROVER, CLERK, manual, seedDatabase };

/** A seeded database file (WAL) that several connections or processes can share. */
export function seedDatabaseFile(path: string): Database {
  return seedDatabase(openDatabase(path));
}

export interface ApprovalApp extends TestApp {
  /** Stops the app and closes the database. */
  close(): Promise<void>;
}

export async function startApprovalApp(
  options: TestAppOptions & { readonly ownDatabase?: boolean } = {},
): Promise<ApprovalApp> {
  const database = options.database ?? seedDatabase(openTestDatabase());
  const t = await startTestApp({ ...options, database });
  return {
    ...t,
    async close() {
      await t.stop();
      if (options.database === undefined || options.ownDatabase === true) database.close();
    },
  };
}

const TEST_CONTROLS: Pick<SubmitInput, 'reasonCode' | 'evidence'> = TEST_REASON;

export function submit(
  database: Database,
  request: ManualRequest = manual(),
  requester = CLERK,
  controls: Pick<SubmitInput, 'reasonCode' | 'evidence' | 'revises' | 'comment'> = TEST_CONTROLS,
): string {
  const deps: AppDeps = { store: sqliteStore(database), now: () => new Date(NOW_MS) };
  const { preview, snapshot } = unwrap(previewManualRequest(deps, request));
  return unwrap(
    submitRequest(deps, { preview, snapshot, requester, method: request.method, ...controls }),
  ).requestId;
}

/** Submits and announces; returns the id and where the request landed in Slack. */
export async function submitAndAnnounce(
  t: TestApp,
  request: ManualRequest = manual(),
  requester = CLERK,
  controls: Pick<SubmitInput, 'reasonCode' | 'evidence' | 'revises' | 'comment'> = TEST_CONTROLS,
): Promise<{ id: string; channel: string; parentTs: string; replyTs: string }> {
  const id = submit(t.database, request, requester, controls);
  await announceRequest(t.deps, id);
  const slack = viewOf(t.database, id).slack;
  if (slack === null || slack.threadTs === null) throw new Error(`${id} was not announced`);
  return { id, channel: slack.channel, parentTs: slack.ts, replyTs: slack.threadTs };
}

export function viewOf(database: Database, id: string): RequestView {
  const view = getRequestView({ store: sqliteStore(database), now: () => new Date(NOW_MS) }, id);
  if (view === null) throw new Error(`no request ${id}`);
  return view;
}

type Posted = { id: string; channel: string; parentTs: string; replyTs: string };

/** A click on one of the decision reply's buttons. */
export function click(
  actionId: string,
  posted: Posted,
  userId: string,
  extra: { readonly triggerId?: string; readonly stateValues?: Record<string, unknown> } = {},
): SlackRequest {
  return blockAction({
    actionId,
    value: posted.id,
    blockId: `${ids.approval.decideBlockPrefix}:${posted.id}`,
    userId,
    channelId: posted.channel,
    messageTs: posted.replyTs,
    threadTs: posted.parentTs,
    ...extra,
  });
}

/** Journal entries of a request, straight from the table. */
export function journalEntries(database: Database, requestId: string): { kind: string }[] {
  return database.sqlite
    .prepare('SELECT kind FROM journal_entries WHERE request_id = ? ORDER BY id')
    .all(requestId) as { kind: string }[];
}

/** A recorded Web API call's arguments as JSON text, for "does it mention…" checks. */
export const callText = (call: RecordedCall | undefined): string =>
  JSON.stringify(call?.args ?? {});

/** The messages the app posted to a user's DM (channel = user id). */
export const dmsTo = (t: TestApp, user: string): RecordedCall[] =>
  t.fake.calls('chat.postMessage').filter((c) => c.args.channel === user);

/** Reject through the receiver: the button opens the reason modal, which is submitted. */
export async function rejectThroughSlack(
  t: TestApp,
  posted: Posted,
  userId: string,
  reason: string,
): Promise<void> {
  const triggerId = `trig-reject-${posted.id}`;
  await t.send(click(ids.approval.rejectAction, posted, userId, { triggerId }));
  const opened = t.fake.calls('views.open').find((c) => c.args.trigger_id === triggerId);
  const modal = opened?.args.view as { callback_id: string; private_metadata: string };
  await t.send(
    viewSubmission({
      callbackId: modal.callback_id,
      privateMetadata: modal.private_metadata,
      userId,
      values: {
        [ids.approval.reasonBlock]: {
          [ids.approval.reasonInput]: { type: 'plain_text_input', value: reason },
        },
      },
    }),
  );
}

/** The same click, made on the Home tab (container `view`, no channel or message). */
export function fromHome(request: SlackRequest): SlackRequest {
  const { channel: _channel, message: _message, ...rest } = request.payload;
  const payload = {
    ...rest,
    container: { type: 'view', view_id: 'V0HOME' },
    view: { id: 'V0HOME', type: 'home', blocks: [], private_metadata: '', callback_id: '' },
  };
  return {
    body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    contentType: request.contentType,
    payload,
  };
}

/** A request's posted write-off entry netted per account (as a preview's journal reads). */
export function postedJournal(
  database: Database,
  requestId: string,
): { account: string; debitMinor: number; creditMinor: number }[] {
  const rows = database.sqlite
    .prepare(
      `SELECT p.account, sum(p.debit_minor) - sum(p.credit_minor) AS net
       FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id
       WHERE e.request_id = ? AND e.kind = 'write_off'
       GROUP BY p.account HAVING net <> 0 ORDER BY p.account`,
    )
    .all(requestId) as { account: string; net: number }[];
  return rows.map((r) => ({
    account: r.account,
    debitMinor: Math.max(r.net, 0),
    creditMinor: Math.max(-r.net, 0),
  }));
}
