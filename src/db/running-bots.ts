// Which bot processes have a database file open: each `npm start` leaves a marker file named
// after its pid in `<db>.bots/` and removes it on shutdown. A restore refuses while a live pid
// is listed (docs/operations.md); a marker left by a killed process names a dead pid and is
// swept. This covers processes on this machine, which is where an embedded SQLite file lives.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function markerDir(dbPath: string): string {
  return `${dbPath}.bots`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the file.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records this process as holding `dbPath`; call the returned function on shutdown. */
export function markBotRunning(dbPath: string, pid = process.pid): () => void {
  const dir = markerDir(dbPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const marker = join(dir, String(pid));
  writeFileSync(marker, `${new Date().toISOString()}\n`, { mode: 0o600 });
  return () => rmSync(marker, { force: true });
}

/** Live pids of bots holding `dbPath`; markers of dead processes are removed. */
export function botsHolding(dbPath: string): number[] {
  let names: string[];
  try {
    names = readdirSync(markerDir(dbPath));
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (isAlive(pid)) live.push(pid);
    else rmSync(join(markerDir(dbPath), name), { force: true });
  }
  return live.sort((a, b) => a - b);
}
