// The whole ledger's invoice locks, read at once for an automatic run (ADR 258), answer alike on
// SQLite and PostgreSQL: every lock up to the limit, none beyond it.
import { expect } from 'vitest';
import * as pgRequests from '../../../src/db/pg/requests.repo.ts';
import * as sqliteRequests from '../../../src/db/requests.repo.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE } from './contract-fixture.ts';

const REQUESTS = pair(sqliteRequests, pgRequests, ['allInvoiceLocks', 'releaseLocks']);

contract('invoice locks of the whole ledger', LEDGER_FIXTURE, (test) => {
  test('reads every lock when there are at most the limit, else none', async (s) => {
    const requests = s.bind(REQUESTS);
    const all = new Map([
      ['INV-001', 'WO-000003'],
      ['inv-003', 'WO-000002'],
    ]);
    expect(await requests.allInvoiceLocks(2)).toEqual(all);
    expect(await requests.allInvoiceLocks(5)).toEqual(all);
    expect(await requests.allInvoiceLocks(1)).toBeNull();
    expect(await requests.allInvoiceLocks(0)).toBeNull();
    await requests.releaseLocks('WO-000002');
    await requests.releaseLocks('WO-000003');
    expect(await requests.allInvoiceLocks(0)).toEqual(new Map());
  });
});
