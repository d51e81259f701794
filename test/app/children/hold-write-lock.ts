// Run as a child process: takes the write lock of the database file given on the command line
// (BEGIN IMMEDIATE, like an import in progress), prints "locked", and holds it until a line
// arrives on stdin; then it commits, prints "released" and exits.
import BetterSqlite3 from 'better-sqlite3';

const [path] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: hold-write-lock.ts DB');
const sqlite = new BetterSqlite3(path);
sqlite.pragma('busy_timeout = 5000');
sqlite.exec('BEGIN IMMEDIATE');
sqlite.exec(`INSERT INTO settings (key, value) VALUES ('lock-holder', '1')`);
process.stdout.write('locked\n');
process.stdin.once('data', () => {
  sqlite.exec('ROLLBACK');
  sqlite.close();
  process.stdout.write('released\n');
  process.exit(0);
});
