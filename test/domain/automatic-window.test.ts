// Automatic runs: the date window (start date inclusive, older-than exclusive), invoice and customer
// ranges compared as text, and customers read one at a time from a stream.
import { describe, expect, it } from 'vitest';
import type { CustomerOpenItems } from '../../src/domain/automatic.ts';
import { previewAutomatic } from '../../src/domain/automatic.ts';
import { invoice } from '../support/ledger-fixtures.ts';
import { criteria, ctx, run, written } from './automatic-fixture.ts';

describe('window and ranges', () => {
  const customer: CustomerOpenItems = {
    customerId: 'C100',
    invoices: [
      invoice('1001', [[1000]], { date: '2026-01-31' }),
      invoice('1002', [[1000]], { date: '2026-02-01' }),
      invoice('1003', [[1000]], { date: '2026-03-31' }),
      invoice('1004', [[1000]], { date: '2026-04-01' }),
      invoice('1004A', [[1000]], { date: '2026-03-01' }),
    ],
    onAccount: [],
  };

  it('includes the start date and excludes the older-than date', () => {
    expect(written(run({ startDate: '2026-02-01' }, [customer]))).toEqual([
      '1002',
      '1003',
      '1004A',
    ]);
  });

  it('compares invoice ranges as text, inclusive at both ends', () => {
    expect(written(run({ invoices: { from: '1002', to: '1004' } }, [customer]))).toEqual([
      '1002',
      '1003',
    ]);
    expect(written(run({ invoices: { from: '1004', to: '1004B' } }, [customer]))).toEqual([
      '1004A',
    ]);
  });

  it('compares customer ranges as text, inclusive', () => {
    const other = (id: string): CustomerOpenItems => ({
      customerId: id,
      invoices: [invoice(`${id}-1`, [[500]], { customerId: id })],
      onAccount: [],
    });
    const preview = run({ customers: { from: 'C10', to: 'C200' } }, [
      other('C1'),
      other('C10'),
      other('C100'),
      other('C200'),
      other('C3'),
    ]);
    expect(written(preview)).toEqual(['C10-1', 'C100-1', 'C200-1']);
  });

  it('finishes each customer before reading the next one (streaming)', () => {
    const log: string[] = [];
    function* stream(): Generator<CustomerOpenItems> {
      for (const id of ['C1', 'C2']) {
        log.push(`read ${id}`);
        yield {
          customerId: id,
          invoices: [invoice(`${id}-1`, [[100]], { customerId: id })],
          onAccount: [],
        };
      }
    }
    previewAutomatic(criteria(), ctx, stream(), (n) => {
      log.push(`checked ${n}`);
      return undefined;
    });
    expect(log).toEqual(['read C1', 'checked C1-1', 'read C2', 'checked C2-1']);
  });

  it('reads customers lazily from a generator', () => {
    function* stream(): Generator<CustomerOpenItems> {
      yield customer;
    }
    expect(run({}, stream()).totalMinor).toBe(4000);
  });
});
