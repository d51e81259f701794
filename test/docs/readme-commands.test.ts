// Every command in the README's (and the reference docs') ```sh blocks runs as written, as a
// newcomer would paste it: in a copy of the repository whose demo database `npm start` would have
// created, each line in bash, exit 0 expected. Only the lines in SKIPPED are not run (they install,
// start the server, or run the test suite and benchmarks themselves).
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const DOCUMENTS = [
  'README.md',
  'docs/cli.md',
  'docs/ar-file-format.md',
  'docs/manual-request-file.md',
  'docs/write-off-rules.md',
];

/** Commands that are not run, by how they start: each names why. */
const SKIPPED: readonly (readonly [RegExp, string])[] = [
  [/^npm install\b/, 'installs the dependencies the test already runs on'],
  [/^npm start\b/, 'starts the server; its demo database is created below instead'],
  [/^npm test\b/, 'the test suite itself'],
  [/^npm run test:reliability\b/, 'the long reliability suite'],
  [/^npm run bench\b/, 'the benchmarks (minutes)'],
  [/^npm run walkthrough\b/, 'starts the server and a fake Slack; has its own test'],
  [/^DATABASE_URL=\S+ npm run two-instances\b/, 'two servers on a PostgreSQL server, until Ctrl-C'],
];

/** The commands of a Markdown text's ```sh blocks, continuation lines joined. */
function shellCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    const joined = (block[1] ?? '').replace(/\s*\\\n\s*/g, ' ');
    for (const line of joined.split('\n')) {
      if (line.trim() !== '' && !line.trim().startsWith('#')) commands.push(line.trim());
    }
  }
  return commands;
}

function skipReason(command: string): string | undefined {
  return SKIPPED.find(([pattern]) => pattern.test(command))?.[1];
}

const copy = mkdtempSync(join(tmpdir(), 'writeoff-readme-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));
const env = {
  ...process.env,
  WRITEOFF_DB: join(copy, 'data', 'writeoff.db'),
  // `mktemp -d` in a README line lands in the copy, which is removed afterwards.
  TMPDIR: join(copy, 'tmp'),
  npm_config_update_notifier: 'false',
};

async function run(command: string): Promise<{ code: number; output: string }> {
  try {
    await exec('bash', ['-c', command], { cwd: copy, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: '' };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: `${e.stderr}${e.stdout}`.slice(0, 2000) };
  }
}

beforeAll(async () => {
  // A fresh clone: the tracked sources, no data/ and no .env of this checkout.
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => {
      const path = relative(ROOT, source).split('/')[0] ?? '';
      return !['node_modules', '.git', 'data', 'coverage', '.env'].includes(path);
    },
  });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  mkdirSync(join(copy, 'tmp'));
  // What `npm start` does on its first run without Slack credentials.
  const demo = await run('node bin/writeoff.mjs demo');
  expect(demo, demo.output).toMatchObject({ code: 0 });
}, 120_000);

describe('shellCommands', () => {
  it('reads only sh blocks, joins continuation lines and drops comment lines', () => {
    const text = '```sh\na --x \\\n  --y  # why\n# note\n```\n```text\nnot run\n```\n';
    expect(shellCommands(text)).toEqual(['a --x --y  # why']);
  });
});

// A command shown in several documents runs once (they share the copy and its databases).
const alreadyRun = new Set<string>();

describe.each(DOCUMENTS)('%s', (document) => {
  it('every command in its sh blocks runs as written (exit 0)', async () => {
    const commands = shellCommands(readFileSync(join(ROOT, document), 'utf8'));
    expect(commands.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const command of commands) {
      if (skipReason(command) !== undefined || alreadyRun.has(command)) continue;
      alreadyRun.add(command);
      const result = await run(command);
      if (result.code !== 0) failures.push(`${command}\n  exit ${result.code}: ${result.output}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
