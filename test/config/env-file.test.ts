// `.env` in the working directory: what loadEnvFile applies, and `npm start` started in a
// directory holding one (the port and database come from the file; the log names the file).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEnvFile, loadEnvFile } from '../../src/config/env-file.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'writeoff-envfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadEnvFile', () => {
  it('applies the file where the real environment is unset or empty; the environment wins', () => {
    const cwd = mkdtempSync(join(dir, 'unit-'));
    writeFileSync(
      join(cwd, '.env'),
      '# comment\nPORT=4100\nWRITEOFF_DB="./from file.db"\nSLACK_BOT_TOKEN=\nWRITEOFF_DEMO=off\n',
    );
    const env: NodeJS.ProcessEnv = { PORT: '', WRITEOFF_DEMO: 'on' };
    const load = loadEnvFile(cwd, env);
    expect(load).toEqual({
      path: join(cwd, '.env'),
      found: true,
      applied: ['PORT', 'WRITEOFF_DB'],
    });
    expect(env).toEqual({ PORT: '4100', WRITEOFF_DB: './from file.db', WRITEOFF_DEMO: 'on' });
    expect(describeEnvFile(load)).toBe(`read ${join(cwd, '.env')}: PORT, WRITEOFF_DB`);
  });

  it('without a file changes nothing and says so', () => {
    const cwd = mkdtempSync(join(dir, 'none-'));
    const env: NodeJS.ProcessEnv = {};
    const load = loadEnvFile(cwd, env);
    expect(env).toEqual({});
    expect(describeEnvFile(load)).toBe(
      `no .env file at ${join(cwd, '.env')}; using the process environment`,
    );
  });
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function healthy(port: number, child: ChildProcess, log: string[]): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${log.join('')}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no /healthz on port ${port} from .env:\n${log.join('')}`);
}

describe('npm start', () => {
  it('reads PORT and WRITEOFF_DB from .env in the directory it starts in, and logs it', async () => {
    // A directory that is the project as far as npm is concerned, with its own .env.
    const cwd = mkdtempSync(join(dir, 'start-'));
    for (const name of ['package.json', 'src', 'db', 'node_modules', 'tsconfig.json']) {
      symlinkSync(join(ROOT, name), join(cwd, name));
    }
    const port = await freePort();
    writeFileSync(join(cwd, '.env'), `PORT=${port}\nWRITEOFF_DB=./from-env/ledger.db\n`);
    const env = { ...process.env };
    for (const name of ['PORT', 'WRITEOFF_DB', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']) {
      delete env[name];
    }
    delete env.SLACK_SIGNING_SECRET;
    const log: string[] = [];
    const child = spawn('npm', ['start'], { cwd, env, detached: true });
    child.stdout.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    try {
      await healthy(port, child, log);
      expect(existsSync(join(cwd, 'from-env', 'ledger.db'))).toBe(true);
      // Log lines are written in batches (docs/operations.md): wait for the batch, not a moment.
      const line = `configuration: read ${join(cwd, '.env')}: PORT, WRITEOFF_DB`;
      for (let i = 0; i < 100 && !log.join('').includes(line); i += 1) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(log.join('')).toContain(line);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  }, 120_000);
});
