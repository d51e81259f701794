// Bench helper child: holds the write lock of the database given on the command line for the
// given number of milliseconds (BEGIN IMMEDIATE, like a large import), printing "locked" when
// it has it. `npm run bench -- 6` uses it.
import BetterSqlite3 from 'better-sqlite3';

const [path, holdMs] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: hold-write-lock.ts DB HOLD_MS');
const sqlite = new BetterSqlite3(path);
sqlite.pragma('busy_timeout = 10000');
sqlite.exec('BEGIN IMMEDIATE');
sqlite.exec(`INSERT INTO settings (key, value) VALUES ('bench-lock-holder', '1')`);
process.stdout.write('locked\n');
setTimeout(
  () => {
    sqlite.exec('ROLLBACK');
    sqlite.close();
  },
  Number(holdMs ?? 10_000),
);
