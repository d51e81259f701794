// Child process of the concurrent-import test: waits for a shared start instant, imports the A/R
// file into the PostgreSQL database at the URL, and prints the outcome as one JSON line (an
// exception escaping the use-case exits non-zero with its stack, which the test reports).
import { importArFile } from '../../../src/app/import-ar-file.ts';
import { openPostgresStore } from '../../../src/db/store.ts';
import { RELIABILITY_NOW_MS } from '../support/ledger.ts';

const [url, file, startAtMs] = process.argv.slice(2);
if (url === undefined || file === undefined) {
  throw new Error('usage: import-file.ts DATABASE_URL FILE START_AT_MS');
}
const store = openPostgresStore(url);
setTimeout(
  () => {
    const result = importArFile(store, file, RELIABILITY_NOW_MS);
    store.close();
    const outcome = result.ok ? result.value.invoices : result.error.slice(0, 3);
    process.stdout.write(`${JSON.stringify({ ok: result.ok, outcome })}\n`);
  },
  Math.max(0, Number(startAtMs ?? 0) - Date.now()),
);
