// Run as a child process by the concurrency test: opens the database file given on the
// command line and approves one request, printing the Result as JSON on stdout. It waits for
// a start time first, so the parent can launch several and have them approve together.
import { approveRequest } from '../../src/app/approve-request.ts';
import { openDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';

const [path, requestId, approver, startAtMs] = process.argv.slice(2);
if (path === undefined || requestId === undefined || approver === undefined) {
  throw new Error('usage: approve-child.ts DB REQUEST APPROVER [START_AT_MS]');
}
const database = openDatabase(path);
const wait = Math.max(0, Number(startAtMs ?? 0) - Date.now());
setTimeout(() => {
  const result = approveRequest(
    { store: sqliteStore(database), now: () => new Date() },
    { requestId, approver },
  );
  database.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}, wait);
