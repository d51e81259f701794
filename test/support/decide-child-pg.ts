// Run as a child process by the PostgreSQL decision races (test/db/pg/decision-race.test.ts): one
// bot instance of its own (a bridge thread and a pool on the database URL given) approving,
// rejecting or reversing one request, or approving one recovery, printing the Result, or the error it threw,
// as JSON on stdout.
import { approveRequest } from '../../src/app/approve-request.ts';
import { rejectRequest } from '../../src/app/decide-request.ts';
import { approveRecovery } from '../../src/app/recovery.ts';
import { reverseRequest } from '../../src/app/reverse-request.ts';
import { pgStore } from '../../src/db/pg-store.ts';

const [url, op, id, user] = process.argv.slice(2);
if (url === undefined || id === undefined || user === undefined) {
  throw new Error('usage: decide-child-pg.ts DATABASE_URL approve|reject|reverse|recover ID USER');
}
const opener = {
  module: new URL('../../src/db/pg/bridge-open.ts', import.meta.url).href,
  arg: url,
};
const store = pgStore(opener);
const deps = { store, now: () => new Date() };
let outcome: unknown;
try {
  if (op === 'reverse') outcome = reverseRequest(deps, { requestId: id, by: user, reason: 'sold' });
  else if (op === 'recover') outcome = approveRecovery(deps, { recoveryId: id, by: user });
  else if (op === 'reject')
    outcome = rejectRequest(deps, { requestId: id, by: user, reason: 'no' });
  else outcome = approveRequest(deps, { requestId: id, approver: user });
} catch (error) {
  outcome = { thrown: error instanceof Error ? error.message : String(error) };
}
store.close();
process.stdout.write(`${JSON.stringify(outcome)}\n`);
