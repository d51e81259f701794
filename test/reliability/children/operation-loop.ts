// Child process of the kill -9 trials: opens the file database and runs random operations
// (mostly submit-and-approve, so most moments fall inside a posting transaction) until it is
// killed. It prints `ready` once the database is open and `working` after its first operations
// (so a kill on a loaded machine still lands after some postings); the bound only stops a
// runaway child.

import { seededRandom } from '../../../src/app/demo-data.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { databaseOf } from '../../../src/db/sqlite-store.ts';
import { depsFor } from '../support/ledger.ts';
import { pickOperation, runOperation } from '../support/operations.ts';

const [path, seedText] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: operation-loop.ts DB [SEED]');
const deps = depsFor(openDatabase(path));
const rng = seededRandom(Number(seedText ?? 1));
process.stdout.write('ready\n');
for (let i = 0; i < 200_000; i += 1) {
  runOperation(deps, rng, pickOperation(rng));
  if (i === 20) process.stdout.write('working\n');
}
databaseOf(deps.store).close();
