// Run as a child process by the PostgreSQL approval race (test/db/pg/approve-race.test.ts): one
// bot instance of its own (a bridge thread and a pool on the database URL given) approving one
// request, printing the Result, or the error it threw, as JSON on stdout.
import { approveRequest } from '../../src/app/approve-request.ts';
import { pgStore } from '../../src/db/pg-store.ts';

const [url, requestId, approver] = process.argv.slice(2);
if (url === undefined || requestId === undefined || approver === undefined) {
  throw new Error('usage: approve-child-pg.ts DATABASE_URL REQUEST APPROVER');
}
const opener = {
  module: new URL('../../src/db/pg/bridge-open.ts', import.meta.url).href,
  arg: url,
};
const store = pgStore(opener);
process.stdout.write('ready\n');
let outcome: unknown;
try {
  outcome = approveRequest({ store, now: () => new Date() }, { requestId, approver });
} catch (error) {
  outcome = { thrown: error instanceof Error ? error.message : String(error) };
}
store.close();
process.stdout.write(`${JSON.stringify(outcome)}\n`);
