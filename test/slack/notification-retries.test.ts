// The outbox owns retries (docs/decisions/111-notifier-port.md): the Web API client never
// retries on its own. With the client's default policy (about 30 minutes of retries) a DM that
// answered 500 kept being retried inside the call while the outbox lease (60 s) ran out, another
// server took the step over and sent it, and then the first call's retry sent it again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STEP_LEASE_MS } from '../../src/app/notification-outbox.ts';
import { openDatabase } from '../../src/db/client.ts';
import { listOutboxRows } from '../../src/db/repos/outbox-delivery.ts';
import { txOf } from '../../src/db/sqlite-store.ts';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { ids } from '../../src/slack/ids.ts';
import { NOW_MS } from '../support/db.ts';
import type { FakeSlackApi } from '../support/fake-slack-api.ts';
import {
  APPROVER,
  CLERK,
  click,
  seedDatabaseFile,
  startApprovalApp,
  submitAndAnnounce,
} from './approval-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-retries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dmsTo = (user: string, fakes: readonly FakeSlackApi[]) =>
  fakes.flatMap((f) => f.calls('chat.postMessage')).filter((c) => c.args.channel === user);

describe('notification retries', () => {
  it('two servers on one file, the DM answering 500: the requester is told once', async () => {
    const path = join(dir, 'two-servers.db');
    const a = await startApprovalApp({ database: seedDatabaseFile(path), ownDatabase: true });
    const b = await startApprovalApp({ database: openDatabase(path), ownDatabase: true });
    const posted = await submitAndAnnounce(a);
    const announced = a.fake.calls('chat.postMessage').length;
    // Server A approves; its DM to the requester answers 500 once.
    a.fake.httpErrorNext('chat.postMessage');
    const approving = a.send(click(ids.approval.approveAction, posted, APPROVER));
    await a.fake.waitForCalls('chat.postMessage', announced + 1);
    // Past A's lease, server B's worker takes the DM step over and sends it.
    await runOutboxWorker(b.worker, new Date(NOW_MS + STEP_LEASE_MS + 1_000));
    await approving;
    // One call answered 500 on A, one delivered on B; A's client never tried again.
    expect(dmsTo(CLERK, [a.fake])).toHaveLength(1);
    expect(dmsTo(CLERK, [b.fake])).toHaveLength(1);
    const dmRows = listOutboxRows(txOf(a.store), posted.id).filter((r) => r.kind === 'step:dm');
    expect(dmRows.map((r) => r.status)).toEqual(['sent']);
    await b.close();
    await a.close();
  });
});
