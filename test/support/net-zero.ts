// A ledger where one manual request nets to zero: C100's invoice 1005 (+800.00) written off
// together with its credit invoice 1004 (−800.00). Net 0.00, gross 1,600.00 — over APPROVER's
// 1,000.00 limit, within BIG_APPROVER's. Also an approver granted the role with no limit at all.
import type { AppDeps } from '../../src/app/deps.ts';
import type { ArFileV1 } from '../../src/app/import-ar-file.ts';
import { grantRole } from '../../src/app/roles.ts';
import type { Database } from '../../src/db/client.ts';
import type { ManualRequest } from '../../src/domain/manual.ts';
import { appDeps, manual, seedDatabase, unwrap } from './app.ts';
import { createTestDatabase, importFixture, smallArFile } from './db.ts';

export const NO_LIMIT_APPROVER = 'U0NOLIMIT';
export const NET_ZERO_GROSS_MINOR = 160_000;

export function netZeroArFile(): ArFileV1 {
  const file = smallArFile();
  file.invoices.push(
    {
      number: '1004',
      customer: 'C100',
      date: '2026-04-20',
      dueDate: '2026-05-20',
      lines: [{ line: 1, description: 'Credit for returned trusses', due: '-800.00' }],
    },
    {
      number: '1005',
      customer: 'C100',
      date: '2026-04-15',
      dueDate: '2026-05-15',
      lines: [{ line: 1, description: 'Trusses', due: '800.00' }],
    },
  );
  return file;
}

/** The seeded cast (test/support/app.ts) over the net-zero ledger, plus NO_LIMIT_APPROVER. */
export function seedNetZero(database: Database): Database {
  seedDatabase(database);
  importFixture(database, netZeroArFile());
  unwrap(
    grantRole(appDeps(database), {
      by: 'system:test',
      userId: NO_LIMIT_APPROVER,
      role: 'approver',
    }),
  );
  return database;
}

export function netZeroDeps(): AppDeps {
  return appDeps(seedNetZero(createTestDatabase()));
}

/** 1005 in full and credit 1004 in full, Entry method: net 0.00, gross 1,600.00. */
export const netZeroRequest = (): ManualRequest =>
  manual({ invoices: [{ invoice: '1005' }, { invoice: '1004' }] });
