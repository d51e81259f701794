// The customer type-ahead through the real receiver: whatever is typed (a huge paste, a query
// SQLite cannot run), Slack gets an options answer at once, never an error status or a timeout.
import { describe, expect, it } from 'vitest';
import { CUSTOMER_QUERY_MAX_CHARS } from '../../src/slack/listeners/customer-typeahead.ts';
import { appPerTest } from '../support/app-per-test.ts';
import { createImportedDatabase } from '../support/db.ts';
import { suggestCustomers } from './manual-harness.ts';

const start = appPerTest(() => ({ database: createImportedDatabase() }));

describe('customer type-ahead limits', () => {
  it('answers a 1 MB query with an empty list instead of failing', async () => {
    const app = await start();
    expect(await suggestCustomers(app, 'a'.repeat(1_000_000))).toEqual([]);
    expect(app.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('searches only the first 100 characters of a long query', async () => {
    const app = await start();
    expect(CUSTOMER_QUERY_MAX_CHARS).toBe(100);
    // "acme" padded past the cap: the search sees the first 100 characters, trimmed.
    const hits = await suggestCustomers(app, `acme${' '.repeat(200)}`);
    expect(hits.map((o) => o.value)).toEqual(['C100']);
  });

  it('answers with an empty list and logs when the search itself fails', async () => {
    const app = await start();
    app.database.sqlite.exec('ALTER TABLE customers RENAME TO customers_gone');
    expect(await suggestCustomers(app, 'acme')).toEqual([]);
    expect(app.logs.some((l) => l.level === 'error' && l.message.includes('type-ahead'))).toBe(
      true,
    );
  });
});
