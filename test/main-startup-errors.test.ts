// `npm start` when it cannot start: the port is taken, or WRITEOFF_DB names a text file, a
// directory, or a path under a file. Each is one sentence on stderr naming the variable, the
// value and what to do, no stack trace, and a non-zero exit. Runs the real `npm start`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  readonly code: number | null;
  readonly stderr: string;
}

function npmStart(env: Record<string, string>): Promise<Outcome> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      WRITEOFF_DEMO: 'off',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((done) => child.once('close', (code) => done({ code, stderr })));
}

/** Our lines on stderr (npm adds its own "npm error …" summary after a failed script). */
const ours = (stderr: string) =>
  stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm '));

function expectOneSentence(outcome: Outcome, ...parts: string[]): void {
  expect(outcome.code).not.toBe(0);
  const lines = ours(outcome.stderr);
  expect(lines, outcome.stderr).toHaveLength(1);
  for (const part of parts) expect(lines[0]).toContain(part);
  expect(outcome.stderr).not.toMatch(/^\s+at /m);
}

function listenOnFreePort(): Promise<Server> {
  const server = createServer();
  return new Promise((done) => server.listen(0, () => done(server)));
}

describe('npm start cannot start', () => {
  it('WRITEOFF_DB is a text file', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(20));
    const outcome = await npmStart({ WRITEOFF_DB: path, PORT: '0' });
    expectOneSentence(outcome, 'WRITEOFF_DB', path, 'not a SQLite database');
  });

  it('WRITEOFF_DB is a directory', async () => {
    const path = join(dir, 'a-directory');
    mkdirSync(path);
    const outcome = await npmStart({ WRITEOFF_DB: path, PORT: '0' });
    expectOneSentence(outcome, 'WRITEOFF_DB', path, 'is a directory', join(path, 'writeoff.db'));
  });

  it('WRITEOFF_DB is under a file', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const path = join(file, 'sub', 'writeoff.db');
    const outcome = await npmStart({ WRITEOFF_DB: path, PORT: '0' });
    expectOneSentence(outcome, 'WRITEOFF_DB', path, `${file} is a file`);
  });

  it('PORT is in use', async () => {
    const taken = await listenOnFreePort();
    const port = String((taken.address() as { port: number }).port);
    try {
      const outcome = await npmStart({ WRITEOFF_DB: join(dir, 'port.db'), PORT: port });
      expectOneSentence(outcome, 'PORT', port, 'already in use');
    } finally {
      taken.close();
    }
  });
});
