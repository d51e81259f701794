// The automatic preview computed in a worker thread (ADR 170) over a database file gives exactly
// the preview computed on this thread (same hash), errors included; an in-memory database
// computes here. The modal's description made while the run streams equals the full preview's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { previewAutoRunOffThread, previewInWorker } from '../../src/app/auto-preview-off-thread.ts';
import { describeRun, previewAutoRun } from '../../src/app/auto-run.ts';
import { describeRunStreamed } from '../../src/app/auto-run-stream.ts';
import { buildDemoArFile } from '../../src/app/demo-data.ts';
import { previewAutomaticRun } from '../../src/app/preview-write-off.ts';
import { previewHash } from '../../src/app/snapshot.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { AutoCriteriaInput } from '../../src/domain/automatic.ts';
import { appDeps, seedDatabase, seededDeps, unwrap } from '../support/app.ts';
import { createTestStore, ON_POSTGRES, sqlValue } from '../support/backend.ts';
import { importFixture } from '../support/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CRITERIA = {
  type: 'finance-charge',
  value: '50',
  fcPercent: 'all-lines',
  olderThan: '2026-06-01',
  period: '2026-06',
  date: '2026-06-15',
} as const;

describe('preview off the main thread', () => {
  // The worker opens the SQLite file itself (ADR 170); on PostgreSQL there is no file.
  it.skipIf(ON_POSTGRES)(
    'a worker over the database file gives the same preview as this thread',
    async () => {
      const database = openDatabase(join(dir, 'ledger.db'));
      try {
        importFixture(database);
        const deps = appDeps(database);
        const here = unwrap(previewAutoRun(deps, CRITERIA));
        // The worker itself answers (no silent fallback to this thread).
        const reports: [number, number][] = [];
        const answer = await previewInWorker(join(dir, 'ledger.db'), CRITERIA, Date.now(), (d, t) =>
          reports.push([d, t]),
        );
        expect(answer.ok && previewHash(answer.value.preview)).toBe(here.hash);
        // The first report comes at once and says how many customers there are to read.
        const customers = sqlValue(database, 'SELECT count(*) FROM customers');
        expect(reports[0]).toEqual([0, customers]);
        const there = unwrap(await previewAutoRunOffThread(deps, CRITERIA));
        expect(there.hash).toBe(here.hash);
        expect(there.summary).toEqual(here.summary);
        const refused = await previewAutoRunOffThread(deps, { ...CRITERIA, period: '2026-05' });
        expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
      } finally {
        database.close();
      }
    },
  );

  it('an in-memory database computes on this thread', async () => {
    const deps = seededDeps();
    const result = unwrap(await previewAutoRunOffThread(deps, CRITERIA));
    expect(result.hash).toBe(unwrap(previewAutoRun(deps, CRITERIA)).hash);
  });
});

describe('the modal description made while the run streams', () => {
  const demo = seedDatabase(createTestStore(), buildDemoArFile('2026-06-15'));
  const deps = appDeps(demo);
  const { fcPercent: _, ...base } = CRITERIA;
  const runs: AutoCriteriaInput[] = [
    { ...base, value: '0' },
    { ...base, value: '12.50' },
    CRITERIA,
    { ...CRITERIA, fcPercent: 'from-line-1', value: '35' },
    { ...base, type: 'invoice-balance', value: '500.00' },
    { ...base, type: 'account-balance', value: '-100000.00' },
    {
      ...base,
      type: 'account-balance',
      value: '1000000.00',
      customers: { from: 'C100', to: 'C300' },
    },
  ];
  for (const input of runs) {
    it(`equals the description of the full preview: ${input.type} ${input.value}`, () => {
      const full = unwrap(previewAutomaticRun(deps, input)).preview;
      expect(full.items.length).toBeGreaterThan(0);
      const streamed = unwrap(describeRunStreamed(deps, input));
      expect(streamed).toEqual(describeRun(deps, full, { withCsv: true }));
      expect(streamed.hash).toBe(previewHash(full));
    });
  }
});
