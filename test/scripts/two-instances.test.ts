// `npm run two-instances` (scripts/two-instances.ts) as the README describes it: two instances on
// one PostgreSQL database and, in HTTP mode, a round-robin balancer on PORT. Signed Slack
// requests sent to the balancer are all answered, by both instances, and Ctrl-C stops everything.
// Needs TEST_DATABASE_URL (skipped loudly without it, as every server test).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exited } from '../reliability/support/children.ts';
import { freshServerDatabase, withoutServer } from '../reliability/support/pg-server.ts';
import { startFakeSlackApi } from '../support/fake-slack-api.ts';
import {
  postSigned,
  slashCommand,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from '../support/slack-request.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe.skipIf(withoutServer())('npm run two-instances', () => {
  it('balances signed requests over both instances and stops both on Ctrl-C', async () => {
    const db = await freshServerDatabase();
    const fake = await startFakeSlackApi();
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const script = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/two-instances.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          PORT: String(port),
          SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
          SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
          SLACK_APP_TOKEN: '',
          WRITEOFF_APPROVALS_CHANNEL: 'C0APPROVALS',
          SLACK_API_URL: fake.url,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    script.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    script.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    try {
      for (let i = 0; i < 1200 && !out.includes('balancer on'); i += 1) {
        if (script.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(out).toContain(`balancer on http://127.0.0.1:${port}/slack/events`);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const command = slashCommand({ text: 'help', responseUrl: fake.responseUrl() });
        statuses.push((await postSigned(`http://127.0.0.1:${port}/slack/events`, command)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      const served = (name: string) =>
        out.split('\n').filter((l) => l.startsWith(`${name} │`) && l.includes('slack.interaction'));
      // Log lines reach the script's output a little after the answers, and on a busy machine a
      // slow /healthz takes an instance out of the rotation for a while: keep asking (answered
      // every time) until both have served one.
      for (let i = 0; i < 100 && (served('a').length === 0 || served('b').length === 0); i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        if (i % 10 !== 9) continue;
        const command = slashCommand({ text: 'help', responseUrl: fake.responseUrl() });
        expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, command)).status).toBe(
          200,
        );
      }
      expect(served('a').length).toBeGreaterThan(0);
      expect(served('b').length).toBeGreaterThan(0);
      script.kill('SIGINT');
      expect(await exited(script)).toBe(0);
      // Both instances are gone: their sessions leave the server.
      const sessions = () =>
        db.count(`SELECT count(*) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      for (let i = 0; i < 100 && (await sessions()) > 0; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await sessions()).toBe(0);
    } finally {
      if (script.exitCode === null) script.kill('SIGKILL');
      await fake.close();
      await db.drop();
    }
  }, 180_000);
});
