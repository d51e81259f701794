// Run as a child process: waits for a start time (so several children open together), opens
// and migrates the database file given on the command line, and prints "opened".
import { openDatabase } from '../../../src/db/client.ts';

const [path, startAtMs] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: open-database.ts DB [START_AT_MS]');
setTimeout(
  () => {
    openDatabase(path).close();
    process.stdout.write('opened\n');
  },
  Math.max(0, Number(startAtMs ?? 0) - Date.now()),
);
