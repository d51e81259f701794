// Shared set-up for the recovery suites (docs/write-off-rules.md#recovery): a database file the
// CLI can open too, the approval app over it, and the ERP file that shows a payment on invoice
// 1001 after it was written off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/client.ts';
import { runOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { ids } from '../../src/slack/ids.ts';
import { runCliIn } from '../support/cli.ts';
import { importFixture, NOW_MS, smallArFile } from '../support/db.ts';
import { blockAction, type SlackRequest } from '../support/slack-request.ts';
import { type ApprovalApp, seedDatabaseFile, startApprovalApp } from './approval-helpers.ts';

export interface RecoveryWorld {
  readonly dir: string;
  readonly path: string;
  readonly database: Database;
  readonly t: ApprovalApp;
  /** `writeoff …` on the same database file. */
  readonly cli: (...args: string[]) => ReturnType<typeof runCliIn>;
  /** Re-imports the ERP file with invoice 1001 open at `due`; the recoveries it proposed. */
  readonly reimport1001: (due: string) => readonly string[];
  /** Delivers what the outbox holds (the proposal's thread note and DM). */
  readonly deliver: () => Promise<void>;
  readonly close: () => Promise<void>;
}

export async function startRecoveryWorld(): Promise<RecoveryWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-recovery-'));
  const path = join(dir, 'ledger.db');
  const database = seedDatabaseFile(path);
  const t = await startApprovalApp({ database });
  return {
    dir,
    path,
    database,
    t,
    cli: (...args) => runCliIn(dir, () => new Date(NOW_MS), [...args, '--db', path]),
    reimport1001: (due) => importFixture(database, fileWith1001(due)).recoveries ?? [],
    deliver: () => runOutboxWorker(t.worker, new Date(NOW_MS)).then(() => undefined),
    close: async () => {
      await t.close();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The ERP's next file: invoice 1001 (107.00 + 36.00 of finance charge) open at `due` in all. */
export function fileWith1001(due: string) {
  const file = smallArFile();
  const invoice = file.invoices[0];
  if (invoice === undefined) throw new Error('fixture has no invoice 1001');
  invoice.lines = [{ line: 1, description: 'Framing', due, tax: '0.00' }];
  return file;
}

/** A click on one of a proposal's buttons in the request's thread. */
export function recoveryClick(
  actionId: string,
  recoveryId: string,
  posted: { readonly channel: string; readonly replyTs: string; readonly parentTs: string },
  userId: string,
  triggerId?: string,
): SlackRequest {
  return blockAction({
    actionId,
    value: recoveryId,
    blockId: `${ids.recovery.actionsBlockPrefix}:${recoveryId}`,
    userId,
    channelId: posted.channel,
    messageTs: posted.replyTs,
    threadTs: posted.parentTs,
    ...(triggerId === undefined ? {} : { triggerId }),
  });
}
