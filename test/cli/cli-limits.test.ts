// The CLI side of approver limits (ADR 100): the preview table shows net and gross where they
// differ (the --json preview keeps its shape), and `reverse` needs an approver whose limit covers
// the gross amount, never the original requester. Through runCli on a real database file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRequest } from '../../src/app/approve-request.ts';
import { previewManualRequest } from '../../src/app/preview-write-off.ts';
import { submitRequest } from '../../src/app/submit-request.ts';
import type { CliIo } from '../../src/cli/context.ts';
import { openDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { TEST_REASON, unwrap } from '../support/app.ts';
import { runCliIn } from '../support/cli.ts';
import { NOW_MS } from '../support/db.ts';
import { netZeroArFile, netZeroRequest } from '../support/net-zero.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'ledger.db');

function cli(args: string[], over: Partial<CliIo> = {}) {
  return runCliIn(dir, () => new Date(NOW_MS), args, over);
}

function file(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
}

beforeAll(() => {
  expect(cli(['import', file('ar.json', netZeroArFile()), '--db', db]).code).toBe(0);
  for (const [user, amount] of [
    ['U0SMALL', '1000.00'],
    ['U0BIG', '100000.00'],
    ['U0BIGTWO', '100000.00'],
  ] as const) {
    expect(cli(['roles', 'grant', user, 'approver', '--db', db]).code).toBe(0);
    expect(cli(['roles', 'limit', user, 'USD', amount, '--db', db]).code).toBe(0);
  }
});

const netZeroFile = () =>
  file('net-zero.json', {
    customer: 'C100',
    period: '2026-06',
    date: '2026-06-15',
    method: 'entry',
    account: '7100',
    comment: 'Customer credit netted against the disputed invoice',
    invoices: [{ invoice: '1005' }, { invoice: '1004' }],
  });

describe('manual preview', () => {
  it('prints net and gross where they differ', () => {
    const result = cli(['manual', '--request', netZeroFile(), '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Total 0.00 net, 1600.00 gross, in 2 item(s)');
  });

  it('keeps the --json preview shape: no gross field', () => {
    const json = JSON.parse(
      cli(['manual', '--request', netZeroFile(), '--json', '--db', db]).stdout,
    );
    expect(Object.keys(json)).toEqual([
      'mode',
      'currency',
      'period',
      'date',
      'total',
      'items',
      'skipped',
      'journal',
    ]);
    expect(json.total).toBe('0.00');
    expect(JSON.stringify(json)).not.toMatch(/gross/i);
  });
});

describe('writeoff reverse', () => {
  let requestId = '';
  beforeAll(() => {
    const database = openDatabase(db);
    try {
      const deps = { store: sqliteStore(database), now: () => new Date(NOW_MS) };
      const { preview, snapshot } = unwrap(previewManualRequest(deps, netZeroRequest()));
      requestId = unwrap(
        submitRequest(deps, {
          ...TEST_REASON,
          preview,
          snapshot,
          requester: 'U0BIG',
          method: 'entry',
        }),
      ).requestId;
      unwrap(approveRequest(deps, { requestId, approver: 'U0BIGTWO' }));
    } finally {
      database.close();
    }
  });

  const reverse = (by: string) =>
    cli(['reverse', '--request', requestId, '--by', by, '--reason', 'Posted in error', '--db', db]);

  it('refuses an approver whose limit covers the net total but not the gross amount', () => {
    const result = reverse('U0SMALL');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(net $0.00, gross $1,600.00)');
    expect(result.stderr).toContain("U0SMALL's approval limit is $1,000.00 USD");
    expect(result.stderr).toContain('Approvers who can reverse it: U0BIGTWO.');
  });

  it('refuses the original requester and someone without the approver role', () => {
    expect(reverse('U0BIG')).toMatchObject({ code: 1 });
    expect(reverse('U0BIG').stderr).toContain('not allowed to reverse their own write-off request');
    expect(reverse('U0NOBODY').stderr).toContain('not allowed to reverse a write-off');
  });

  it('reverses with an approver whose limit covers the gross amount', () => {
    const result = reverse('U0BIGTWO');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Reversed ${requestId}`);
  });
});
