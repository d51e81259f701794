// The committed migrations must match src/db/schema.ts. drizzle-kit generates against a
// temporary copy of db/migrations: if it writes a new migration, someone changed the schema
// without running `npm run db:generate -- <intent>`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/client.ts';
import { createTestDatabase } from '../support/db.ts';

const ROOT = resolve(MIGRATIONS_DIR, '../..');
const work = mkdtempSync(join(tmpdir(), 'writeoff-migrations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('migrations', () => {
  it('are up to date with src/db/schema.ts (drizzle-kit generates nothing new)', () => {
    const out = join(work, 'migrations');
    cpSync(MIGRATIONS_DIR, out, { recursive: true });
    const config = join(work, 'drizzle.config.json');
    writeFileSync(
      config,
      // drizzle-kit prefixes paths with './', so they must be relative to the cwd (the root).
      JSON.stringify({ dialect: 'sqlite', schema: './src/db/schema.ts', out: relative(ROOT, out) }),
    );
    const before = readdirSync(out).sort();
    const stdout = execFileSync(
      join(ROOT, 'node_modules/.bin/drizzle-kit'),
      ['generate', '--config', config],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Positive evidence too: drizzle-kit exits 0 even when it fails to read the folder.
    expect(stdout).toContain('No schema changes');
    expect(readdirSync(out).sort()).toEqual(before);
  });

  it('create every table, named index and append-only trigger in a fresh database', () => {
    const { sqlite } = createTestDatabase();
    const names = (type: string) =>
      sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'`)
        .pluck()
        .all(type);
    expect(names('table')).toEqual(
      expect.arrayContaining([
        'settings',
        'accounts',
        'periods',
        'customers',
        'invoices',
        'invoice_lines',
        'on_account_items',
        'write_off_requests',
        'write_off_request_lines',
        'request_invoice_locks',
        'journal_entries',
        'journal_postings',
        'user_roles',
        'approver_limits',
        'audit_log',
        'slack_outbox',
        'drafts',
        'customers_search',
      ]),
    );
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'accounts_one_default_write_off_idx',
        'journal_entries_reference_idx',
        'customers_id_nocase_idx',
        'invoices_number_nocase_idx',
      ]),
    );
    // Six append-only triggers and three that keep the customer search index in step.
    expect(names('trigger')).toHaveLength(9);
  });
});
