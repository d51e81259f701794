// The Slack path on PostgreSQL (docs/postgresql.md): the real receiver over a PostgreSQL store
// (PGlite through the bridge thread), a request announced in the approvals channel, a signed
// Approve from the thread clicked six times at once and retried by Slack: posted once, both
// messages updated once, the clerk told once, the other clicks told it is already posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.ts';
import { importArFile } from '../../src/app/import-ar-file.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { getRequestView } from '../../src/app/request-views.ts';
import { grantRole, setApproverLimit } from '../../src/app/roles.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import { pgAutocommitTx } from '../../src/db/pg-store.ts';
import { getJournalEntryByReference } from '../../src/db/repos/journal.ts';
import type { Store } from '../../src/db/store.ts';
import { announceRequest } from '../../src/slack/announce-request.ts';
import { ids } from '../../src/slack/ids.ts';
import { APPROVER, CLERK, manual, TEST_REASON, unwrap } from '../support/app.ts';
import { NOW_MS, smallArFile } from '../support/db.ts';
import { openPgTestStore } from '../support/pg-store.ts';
import { startTestApp, type TestApp } from '../support/slack-app.ts';
import { slackDelivery } from '../support/slack-request.ts';
import { callText, click, dmsTo } from './approval-helpers.ts';

let store: Store;
let t: TestApp;
let deps: AppDeps;
beforeAll(async () => {
  store = openPgTestStore('pglite');
  deps = { store, now: () => new Date(NOW_MS) };
  unwrap(importArFile(store, smallArFile(), NOW_MS));
  const by = 'system:test';
  unwrap(grantRole(deps, { by, userId: APPROVER, role: 'approver' }));
  unwrap(setApproverLimit(deps, { by, userId: APPROVER, currency: 'USD', amount: '1000.00' }));
  t = await startTestApp({ store });
}, 60_000);
afterAll(async () => {
  await t.stop();
  store.close();
});

describe('Approve in the thread, on PostgreSQL', () => {
  it('posts once under a duplicate delivery and updates the thread', async () => {
    const { preview, snapshot } = unwrap(previewManualRequest(deps, manual()));
    const { requestId } = unwrap(
      submitRequest(deps, { ...TEST_REASON, preview, snapshot, requester: CLERK, method: 'entry' }),
    );
    await announceRequest(t.deps, requestId);
    const slack = getRequestView(deps, requestId)?.slack;
    if (slack?.threadTs == null) throw new Error('not announced');
    const posted = {
      id: requestId,
      channel: slack.channel,
      parentTs: slack.ts,
      replyTs: slack.threadTs,
    };
    const clicks = Array.from({ length: 6 }, () =>
      t.send(click(ids.approval.approveAction, posted, APPROVER)),
    );
    const responses = await Promise.all(clicks);
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
    // Slack's own retry of a delivery it thinks timed out.
    await t.send(click(ids.approval.approveAction, posted, APPROVER), slackDelivery(1));
    const view = getRequestView(deps, requestId);
    expect(view?.status).toBe('posted');
    const entry = getJournalEntryByReference(pgAutocommitTx(store), `write-off:${requestId}`);
    expect(entry?.id).toBe(view?.postedEntryId);
    const updates = t.fake.calls('chat.update');
    expect(updates).toHaveLength(2);
    expect(new Set(updates.map((u) => u.args.ts))).toEqual(
      new Set([posted.parentTs, posted.replyTs]),
    );
    expect(callText(updates.at(-1))).toContain(`Posted by <@${APPROVER}>`);
    expect(dmsTo(t, CLERK)).toHaveLength(1);
    expect(callText(dmsTo(t, CLERK)[0])).toContain('approved by');
    const already = t.fake.calls('chat.postEphemeral').map(callText);
    expect(already.length).toBeGreaterThan(0);
    expect(already.every((text) => text.includes('already posted'))).toBe(true);
  });
});
