// Child process of the concurrency trials (the "second process"): waits for a shared start
// instant, then approves each given request `attempts` times as fast as it can, and prints
// how many attempts ended in each outcome kind as one JSON line.
import { approveRequest } from '../../../src/app/approve-request.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { databaseOf } from '../../../src/db/sqlite-store.ts';
import { depsFor } from '../support/ledger.ts';

const [path, requestIds, approver, startAtMs, attemptsText] = process.argv.slice(2);
if (path === undefined || requestIds === undefined || approver === undefined) {
  throw new Error('usage: approve-many.ts DB ID,ID… APPROVER START_AT_MS ATTEMPTS');
}
const deps = depsFor(openDatabase(path));
const tally: Record<string, number> = {};
setTimeout(
  () => {
    for (let i = 0; i < Number(attemptsText ?? 1); i += 1) {
      for (const requestId of requestIds.split(',')) {
        const result = approveRequest(deps, { requestId, approver });
        const kind = result.ok ? 'ok' : result.error.kind;
        tally[kind] = (tally[kind] ?? 0) + 1;
      }
    }
    databaseOf(deps.store).close();
    process.stdout.write(`${JSON.stringify(tally)}\n`);
  },
  Math.max(0, Number(startAtMs ?? 0) - Date.now()),
);
