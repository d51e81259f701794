import { describe, expect, it } from 'vitest';
import { ledgerIsEmpty, seedDemoLedger } from '../../src/app/demo-seed.ts';
import { createTestStore } from '../support/backend.ts';

describe('demo seed', () => {
  it('fills an empty ledger with the demo file dated today in its time zone', () => {
    const database = createTestStore();
    expect(ledgerIsEmpty(database)).toBe(true);
    // 03:00 UTC on the 1st is still the previous day in New York.
    const seeded = seedDemoLedger(database, new Date('2026-07-01T03:00:00Z'));
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.error));
    expect(seeded.value.today).toBe('2026-06-30');
    expect(seeded.value.summary.invoices.inserted).toBeGreaterThanOrEqual(600);
    expect(ledgerIsEmpty(database)).toBe(false);
    database.close();
  });
});
