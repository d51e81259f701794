import { describe, expect, it } from 'vitest';
import {
  checkPeriod,
  resolvePostingAccounts,
  resolveWriteOffAccount,
} from '../../src/domain/ledger-context.ts';
import type { Account, Period } from '../../src/domain/types.ts';
import { ACCOUNTS, ledger, PERIODS } from '../support/ledger-fixtures.ts';

describe('resolvePostingAccounts', () => {
  it('resolves the docs/ar-file-format.md chart', () => {
    expect(resolvePostingAccounts(ACCOUNTS)).toEqual({
      ok: true,
      value: {
        ar: '1200',
        arRetainage: '1210',
        fcReceivable: '1250',
        taxPayable: '2200',
        fcWriteOff: '7150',
        defaultWriteOff: '7100',
      },
    });
  });

  it('lists every problem of a broken chart', () => {
    const broken: Account[] = [
      ...ACCOUNTS.filter((a) => a.role !== 'tax_payable'),
      { code: '1201', name: 'Second A/R', role: 'ar', isDefault: false },
      { code: '7170', name: 'Another default', role: 'write_off', isDefault: true },
    ];
    const result = resolvePostingAccounts(broken);
    expect(result).toEqual({
      ok: false,
      error: [
        { kind: 'duplicate_role', role: 'ar', accounts: ['1200', '1201'] },
        { kind: 'missing_role', role: 'tax_payable' },
        { kind: 'multiple_default_write_off', accounts: ['7100', '7170'] },
      ],
    });
  });

  it('needs a default write-off account', () => {
    const noDefault = ACCOUNTS.map((a) => ({ ...a, isDefault: false }));
    expect(resolvePostingAccounts(noDefault)).toEqual({
      ok: false,
      error: [{ kind: 'no_default_write_off' }],
    });
  });
});

describe('checkPeriod', () => {
  it('accepts an open period', () => {
    expect(checkPeriod(PERIODS, '2026-07')).toMatchObject({ ok: true, value: { name: '2026-07' } });
  });

  it.each([
    ['2026-05', 'period_closed'],
    ['2025-12', 'unknown_period'],
  ])('rejects %s as %s, naming the earliest open period', (name, kind) => {
    expect(checkPeriod(PERIODS, name)).toEqual({
      ok: false,
      error: { kind, period: name, earliestOpen: '2026-06' },
    });
  });

  it('says there is no open period when all are closed', () => {
    const closed: Period[] = PERIODS.map((p) => ({ ...p, closed: true }));
    expect(checkPeriod(closed, '2026-06')).toEqual({
      ok: false,
      error: { kind: 'period_closed', period: '2026-06' },
    });
  });
});

describe('resolveWriteOffAccount', () => {
  const ctx = ledger();
  it.each([
    [undefined, { ok: true, value: '7100' }],
    ['7160', { ok: true, value: '7160' }],
    [
      '9999',
      {
        ok: false,
        error: { kind: 'unknown_account', account: '9999', field: 'account', invoice: '1001' },
      },
    ],
    [
      '1200',
      {
        ok: false,
        error: {
          kind: 'not_a_write_off_account',
          account: '1200',
          role: 'ar',
          field: 'account',
          invoice: '1001',
        },
      },
    ],
  ])('account %s → %j', (code, expected) => {
    expect(resolveWriteOffAccount(ctx, code, 'account', '1001')).toEqual(expected);
  });
});
