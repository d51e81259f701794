// Automatic runs of each type (docs/write-off-rules.md#automatic-write-off): finance charge (the
// docs/cli.md example), invoice balance and account balance, with their skips. Amounts are minor
// units (25.00 = 2500).
import { describe, expect, it } from 'vitest';
import type { CustomerOpenItems } from '../../src/domain/automatic.ts';
import { previewAutomatic, validateAutoCriteria } from '../../src/domain/automatic.ts';
import { previewToJson } from '../../src/domain/preview.ts';
import { DOCS_FC_PREVIEW } from '../support/docs-example.ts';
import { invoice, ledger, onAccount } from '../support/ledger-fixtures.ts';
import { base, run, written } from './automatic-fixture.ts';

describe('finance-charge runs', () => {
  const seedCustomer: CustomerOpenItems = {
    customerId: 'C100',
    invoices: [
      invoice('1001', [
        [13600, 0, 0, 3600],
        [12700, 0, 0, 2700],
        [14200, 0, 0, 4200],
      ]),
      invoice('1004', [[10000, 0, 0, 3600], [-20000]]),
      invoice('1005', [[10000, 0, 0, 500]]),
    ],
    onAccount: [onAccount('P-9', -6000)],
  };

  it('renders the docs/cli.md example: 52.50 poured, polarity skip, FC accounts', () => {
    const preview = run(
      { type: 'finance-charge', value: '50', fcPercent: 'from-line-1' },
      [seedCustomer],
      { '1005': 'WO-3' },
    );
    expect(previewToJson(preview)).toEqual({
      ...DOCS_FC_PREVIEW,
      skipped: [
        { customer: 'C100', invoice: '1004', reason: 'polarity' },
        { customer: 'C100', invoice: '1005', reason: 'pending_elsewhere' },
      ],
    });
    expect(preview.skipped[1]).toMatchObject({ requestId: 'WO-3' });
  });
});

describe('invoice-balance runs', () => {
  const small: CustomerOpenItems = {
    customerId: 'C100',
    invoices: [
      invoice('1', [[2500]]),
      invoice('2', [[-2500]]),
      invoice('3', [[2501]]),
      invoice('4', [[0]]),
    ],
    onAccount: [onAccount('P-1', -100)],
  };

  it.each(['25', '-25', '25.00'])(
    'at value %s writes off 25.00 and -25.00 but not 25.01',
    (value) => {
      const preview = run({ value }, [small]);
      expect(written(preview)).toEqual(['1', '2']);
      expect(preview.totalMinor).toBe(0);
      expect(preview.journal).toEqual([]);
    },
  );

  it('skips a qualifying invoice pending elsewhere, naming the request', () => {
    const preview = run({}, [small], { '2': 'WO-9', '3': 'WO-8' });
    expect(written(preview)).toEqual(['1']);
    expect(preview.skipped).toEqual([
      { customerId: 'C100', invoice: '2', reason: 'pending_elsewhere', requestId: 'WO-9' },
    ]);
  });

  it('works in yen', () => {
    const yen = { ...ledger('JPY') };
    const c = validateAutoCriteria({ ...base, value: '500' }, yen);
    if (!c.ok) throw new Error('criteria');
    const preview = previewAutomatic(
      c.value,
      yen,
      [
        {
          customerId: 'C1',
          invoices: [invoice('1', [[500, 45]], { customerId: 'C1' })],
          onAccount: [],
        },
      ],
      () => undefined,
    );
    expect(previewToJson(preview)).toMatchObject({
      total: '500',
      journal: [
        { account: '1200', credit: '500' },
        { account: '2200', debit: '45' },
        { account: '7100', debit: '455' },
      ],
    });
  });
});

describe('account-balance runs', () => {
  const account: CustomerOpenItems = {
    customerId: 'C100',
    invoices: [invoice('1001', [[10000]]), invoice('1002', [[1000]], { date: '2026-05-01' })],
    onAccount: [onAccount('P-9', -6000), onAccount('P-10', -999, { date: '2026-05-01' })],
  };

  it('writes off invoices and on-account items inside the window, ignoring the invoice range for on-account', () => {
    const preview = run(
      { type: 'account-balance', value: '40.00', invoices: { from: '1000', to: '1001' } },
      [account],
    );
    expect(written(preview)).toEqual(['1001', 'on-account P-9']);
    expect(preview.totalMinor).toBe(4000);
    expect(preview.journal).toEqual([
      { account: '1200', debitMinor: 0, creditMinor: 4000 },
      { account: '7100', debitMinor: 4000, creditMinor: 0 },
    ]);
  });

  it('writes off nothing when the net is one cent over', () => {
    expect(run({ type: 'account-balance', value: '39.99' }, [account]).items).toEqual([]);
  });

  it('skips the whole customer when an invoice is pending elsewhere', () => {
    const preview = run({ type: 'account-balance', value: '40.00' }, [account], { '1001': 'WO-1' });
    expect(preview.items).toEqual([]);
    expect(preview.skipped).toEqual([
      { customerId: 'C100', invoice: '1001', reason: 'pending_elsewhere', requestId: 'WO-1' },
    ]);
  });
});
