// Locks answer alike on SQLite and PostgreSQL: the whole ledger's invoice locks read at once for
// an automatic run (ADR 258), and what an approval holds while it decides and posts (ADR 230):
// the request and the versions of the items it moves, and the recovery being decided.
import { expect } from 'vitest';
import * as pgRecoveries from '../../../src/db/pg/recoveries.repo.ts';
import * as pgRequests from '../../../src/db/pg/requests.repo.ts';
import * as sqliteRecoveries from '../../../src/db/recoveries.repo.ts';
import * as sqliteRequests from '../../../src/db/requests.repo.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

const REQUESTS = pair(sqliteRequests, pgRequests, [
  'allInvoiceLocks',
  'releaseLocks',
  'getRequestForDecision',
  'lockItemsForPosting',
]);
const RECOVERIES = pair(sqliteRecoveries, pgRecoveries, [
  'insertRecovery',
  'getRecoveryForDecision',
]);

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

  test('reads the request being decided and the versions of the items it moves', async (s) => {
    const requests = s.bind(REQUESTS);
    expect(await requests.getRequestForDecision('WO-000002')).toMatchObject({
      id: 'WO-000002',
      status: 'pending',
      customerId: 'C002',
    });
    expect(await requests.getRequestForDecision('WO-999999')).toBeNull();
    await s.exec(`UPDATE invoices SET version = 4 WHERE number = 'INV-001'`);
    const locked = await requests.lockItemsForPosting(['inv-003', 'INV-001', 'nope'], ['OA-2']);
    expect(locked).toEqual({
      invoices: new Map([
        ['INV-001', 4],
        ['inv-003', 1],
      ]),
      onAccount: new Map([['OA-2', 2]]),
    });
    expect(await requests.lockItemsForPosting([], [])).toEqual({
      invoices: new Map(),
      onAccount: new Map(),
    });
  });

  test('reads the recovery being decided', async (s) => {
    const recoveries = s.bind(RECOVERIES);
    await recoveries.insertRecovery({
      id: 'RC-000001',
      requestId: 'WO-000001',
      invoiceNumber: 'INV-002',
      paidMinor: 100,
      amountMinor: 100,
      status: 'pending',
      importId: null,
      createdAtMs: T0_MS,
    });
    expect(await recoveries.getRecoveryForDecision('RC-000001')).toMatchObject({
      id: 'RC-000001',
      status: 'pending',
      amountMinor: 100,
    });
    expect(await recoveries.getRecoveryForDecision('RC-000009')).toBeNull();
  });
});
