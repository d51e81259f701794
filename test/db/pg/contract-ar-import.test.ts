// The A/R import's writer answers alike on SQLite and PostgreSQL: a re-import refreshes what
// changed (content digest, ERP figure), settles what the file no longer lists, names the pending
// requests holding changed items, marks them stale with their locks released and audited, and
// writes customers listed after the invoices naming them.
import { expect } from 'vitest';
import * as sqliteImport from '../../../src/db/ar-import.repo.ts';
import * as pgImport from '../../../src/db/pg/ar-import.repo.ts';
import type { Invoice } from '../../../src/domain/types.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

const IMPORT = pair(sqliteImport, pgImport, ['createArImportWriter', 'deferForeignKeysToCommit']);

const NOW_MS = T0_MS + 1000;

const invoice = (number: string, customerId: string, dueMinor: number): Invoice => ({
  number,
  customerId,
  date: '2026-05-01',
  dueDate: '2026-06-01',
  lines: [
    {
      line: 1,
      description: 'Goods',
      dueMinor,
      taxMinor: 0,
      retainageMinor: 0,
      financeChargeMinor: 0,
    },
    {
      line: 2,
      description: 'Fee',
      dueMinor: 10,
      taxMinor: 0,
      retainageMinor: 0,
      financeChargeMinor: 10,
    },
  ],
});

contract('the A/R import', LEDGER_FIXTURE, (test) => {
  test('refreshes, settles and names the requests whose items changed', async (s) => {
    const { createArImportWriter, deferForeignKeysToCommit } = s.bind(IMPORT);
    await deferForeignKeysToCommit();
    const writer = await createArImportWriter('file.json', NOW_MS);
    // An invoice before the customer it names (checked at commit).
    expect(await writer.upsertInvoice(invoice('INV-009', 'N1', 400))).toBe('inserted');
    expect(await writer.upsertInvoice(invoice('INV-001', 'C001', 900))).toBe('updated');
    expect(await writer.upsertInvoice(invoice('INV-001', 'C001', 900))).toBe('unchanged');
    expect(
      await writer.upsertOnAccount({
        id: 'OA-1',
        customerId: 'C001',
        date: '2026-02-15',
        amountMinor: -250,
      }),
    ).toBe('unchanged');
    expect(
      await writer.upsertOnAccount({
        id: 'OA-3',
        customerId: 'c003',
        date: '2026-04-15',
        amountMinor: 45,
      }),
    ).toBe('updated');
    expect(
      await writer.upsertOnAccount({
        id: 'OA-9',
        customerId: 'N1',
        date: '2026-05-02',
        amountMinor: -5,
      }),
    ).toBe('inserted');
    await writer.upsertCustomer({ id: 'N1', name: 'New Customer' });
    await writer.upsertCustomer({ id: 'C001', name: 'Acme Holdings' });
    await writer.upsertCustomer({ id: 'C002', name: 'Bolt and Nut' });
    expect(await writer.settleAbsent()).toEqual({ invoices: 4, onAccount: 0 });
    expect(await writer.changedRequests()).toEqual([
      { requestId: 'WO-000002', changedItems: ['inv-003'] },
      { requestId: 'WO-000003', changedItems: ['INV-001'] },
    ]);
    await writer.finish({ invoices: 2, lines: 4, onAccount: 3 });

    expect(
      await s.rows(`SELECT number, open_minor AS "open", erp_open_minor AS erp, version
        FROM invoices ORDER BY number`),
    ).toEqual([
      { number: 'INV-001', open: 910, erp: 910, version: 2 },
      { number: 'INV-002', open: 0, erp: 0, version: 2 },
      { number: 'INV-004', open: 0, erp: 0, version: 1 },
      { number: 'INV-009', open: 410, erp: 410, version: 1 },
      { number: 'INV-010', open: 0, erp: 0, version: 2 },
      { number: 'INV-020', open: 0, erp: 0, version: 2 },
      { number: 'inv-003', open: 0, erp: 0, version: 2 },
    ]);
    expect(
      await s.rows(`SELECT invoice_number AS n, line, due_minor AS due FROM invoice_lines
        WHERE invoice_number IN ('INV-001', 'inv-003') ORDER BY invoice_number, line`),
    ).toEqual([
      { n: 'INV-001', line: 1, due: 900 },
      { n: 'INV-001', line: 2, due: 10 },
      { n: 'inv-003', line: 1, due: 0 },
    ]);
    expect(
      await s.rows(`SELECT id, amount_minor AS amount, erp_amount_minor AS erp, version
        FROM on_account_items ORDER BY id`),
    ).toEqual([
      { id: 'OA-1', amount: -250, erp: -250, version: 1 },
      { id: 'OA-2', amount: 0, erp: 0, version: 2 },
      { id: 'OA-3', amount: 45, erp: 45, version: 2 },
      { id: 'OA-9', amount: -5, erp: -5, version: 1 },
    ]);
    expect(
      await s.rows(`SELECT id, name, name_lower AS lower FROM customers
        WHERE id IN ('N1', 'C001', 'C002') ORDER BY id`),
    ).toEqual([
      { id: 'C001', name: 'Acme Holdings', lower: 'acme holdings' },
      { id: 'C002', name: 'Bolt and Nut', lower: 'bolt and nut' },
      { id: 'N1', name: 'New Customer', lower: 'new customer' },
    ]);
    expect(
      await s.rows(`SELECT source, invoices_in_file AS i, lines_in_file AS l,
        on_account_in_file AS o FROM imports`),
    ).toEqual([{ source: 'file.json', i: 2, l: 4, o: 3 }]);
  });

  test('marks a request stale once, releases its locks and audits it', async (s) => {
    const { createArImportWriter } = s.bind(IMPORT);
    const writer = await createArImportWriter('file.json', NOW_MS);
    expect(await writer.markRequestStale('WO-000002')).toBe(true);
    expect(await writer.markRequestStale('WO-000002')).toBe(false);
    expect(await writer.markRequestStale('WO-000001')).toBe(false);
    await writer.auditRequestStale('WO-000002', { changedItems: ['inv-003'] });
    expect(await s.rows(`SELECT status FROM write_off_requests WHERE id = 'WO-000002'`)).toEqual([
      { status: 'stale' },
    ]);
    expect(await s.rows(`SELECT * FROM request_invoice_locks ORDER BY invoice_number`)).toEqual([
      { invoice_number: 'INV-001', request_id: 'WO-000003' },
    ]);
    expect(await s.rows('SELECT * FROM request_on_account_locks')).toEqual([]);
    expect(
      await s.rows(`SELECT at_ms AS "at", actor, action, request_id AS r, details_json AS d,
        preview_hash AS h FROM audit_log`),
    ).toEqual([
      {
        at: NOW_MS,
        actor: 'system:import',
        action: 'request_stale',
        r: 'WO-000002',
        d: '{"changedItems":["inv-003"]}',
        h: 'hash-WO-000002',
      },
    ]);
  });

  test('replaces the settings, the chart and the periods', async (s) => {
    const { createArImportWriter } = s.bind(IMPORT);
    const writer = await createArImportWriter('file.json', NOW_MS);
    await writer.putSettings('USD', 'America/New_York');
    await writer.replaceAccounts([
      { code: '1200', name: 'AR', role: 'ar', isDefault: false },
      { code: '6900', name: 'Bad debts', role: 'write_off', isDefault: true },
    ]);
    await writer.replacePeriods([
      { name: '2026-07', start: '2026-07-01', end: '2026-07-31', closed: true },
    ]);
    expect(await s.rows(`SELECT key, value FROM settings ORDER BY key`)).toEqual([
      { key: 'currency', value: 'USD' },
      { key: 'timezone', value: 'America/New_York' },
    ]);
    expect(
      await s.rows(`SELECT code, name, CASE WHEN is_default THEN 1 ELSE 0 END AS d
        FROM accounts WHERE active ORDER BY code`),
    ).toEqual([
      { code: '1200', name: 'AR', d: 0 },
      { code: '6900', name: 'Bad debts', d: 1 },
    ]);
    expect(await s.rows(`SELECT name FROM periods WHERE NOT closed ORDER BY name`)).toEqual([]);
  });
});
