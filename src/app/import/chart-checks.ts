// File-wide checks on the chart of accounts and the fiscal periods (docs/ar-file-format.md). These
// lists are small, so they are held in memory and checked once the file has been read.
import { SINGLE_ROLES } from '../../domain/ledger-context.ts';
import type { Account, Period } from '../../domain/types.ts';
import type { ImportProblem } from './ar-file-schema.ts';

export interface Indexed<T> {
  readonly index: number;
  readonly value: T;
}

export function checkChart(accounts: readonly Indexed<Account>[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const codes = new Map<string, number>();
  for (const { index, value } of accounts) {
    const first = codes.get(value.code);
    if (first !== undefined) {
      problems.push({
        path: `accounts[${index}].code`,
        message: `duplicate account code "${value.code}" (also at accounts[${first}])`,
      });
    } else codes.set(value.code, index);
    if (value.isDefault && value.role !== 'write_off') {
      problems.push({
        path: `accounts[${index}].default`,
        message: `only a write_off account can be the default (this one is ${value.role})`,
      });
    }
  }
  for (const role of SINGLE_ROLES) problems.push(...exactlyOne(accounts, role));
  problems.push(...writeOffDefaults(accounts));
  return problems;
}

function exactlyOne(accounts: readonly Indexed<Account>[], role: string): ImportProblem[] {
  const holders = accounts.filter((a) => a.value.role === role);
  const first = holders[0];
  if (first === undefined) {
    return [
      { path: 'accounts', message: `no account with role "${role}" (exactly one is required)` },
    ];
  }
  return holders.slice(1).map((a) => ({
    path: `accounts[${a.index}].role`,
    message: `a second account with role "${role}" (accounts[${first.index}] has it; exactly one is required)`,
  }));
}

function writeOffDefaults(accounts: readonly Indexed<Account>[]): ImportProblem[] {
  const writeOffs = accounts.filter((a) => a.value.role === 'write_off');
  if (writeOffs.length === 0) {
    return [
      { path: 'accounts', message: 'no account with role "write_off" (at least one is required)' },
    ];
  }
  const defaults = writeOffs.filter((a) => a.value.isDefault);
  const first = defaults[0];
  if (first === undefined) {
    return [{ path: 'accounts', message: 'no write_off account is marked "default": true' }];
  }
  return defaults.slice(1).map((a) => ({
    path: `accounts[${a.index}].default`,
    message: `a second default write-off account (accounts[${first.index}] is already the default)`,
  }));
}

export function checkPeriods(periods: readonly Indexed<Period>[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const names = new Map<string, number>();
  for (const { index, value } of periods) {
    const first = names.get(value.name);
    if (first !== undefined) {
      problems.push({
        path: `periods[${index}].name`,
        message: `duplicate period "${value.name}" (also at periods[${first}])`,
      });
    } else names.set(value.name, index);
  }
  const byStart = [...periods].sort((a, b) => (a.value.start < b.value.start ? -1 : 1));
  for (let i = 1; i < byStart.length; i += 1) {
    const [prev, next] = [byStart[i - 1], byStart[i]];
    if (prev !== undefined && next !== undefined && next.value.start <= prev.value.end) {
      problems.push({
        path: `periods[${next.index}]`,
        message: `${next.value.name} overlaps ${prev.value.name} (periods[${prev.index}])`,
      });
    }
  }
  return problems;
}
