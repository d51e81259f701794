// Round trips for the request-side repos (requests, journal, roles, audit, outbox) on a fresh
// migrated database with the small ledger imported.
import { beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, listAuditForRequest } from '../../src/db/audit.repo.ts';
import type { Database } from '../../src/db/client.ts';
import {
  getJournalEntry,
  getJournalEntryByReference,
  getPostings,
  insertJournalEntry,
  iteratePeriodPostings,
} from '../../src/db/journal.repo.ts';
import { enqueueOutbox, listDueOutbox } from '../../src/db/outbox.repo.ts';
import {
  getRequest,
  getRequestLines,
  insertRequest,
  invoiceLockHolder,
  invoiceLocksOfCustomer,
  listRequestRows,
  lockItems,
  nextRequestId,
  onAccountLockHolder,
  releaseLocks,
  setSlackMessage,
  updateRequestStatus,
} from '../../src/db/requests.repo.ts';
import {
  deleteRole,
  getApproverLimit,
  hasRole,
  insertRole,
  listApproversCovering,
  upsertApproverLimit,
} from '../../src/db/roles.repo.ts';
import { createImportedDatabase, NOW_MS } from '../support/db.ts';

let database: Database;
beforeEach(() => {
  database = createImportedDatabase();
});

function insertSample(id = nextRequestId(database.db)): string {
  insertRequest(
    database,
    {
      id,
      mode: 'manual',
      status: 'pending',
      customerId: 'C100',
      period: '2026-06',
      writeOffOn: '2026-06-15',
      method: 'entry',
      account: '7100',
      comment: 'note',
      currency: 'USD',
      totalMinor: 3600,
      requester: 'U1',
      previewHash: 'h',
      policyVersion: 'v1',
      createdAtMs: NOW_MS,
    },
    [
      {
        requestId: id,
        seq: 1,
        kind: 'invoice',
        customerId: 'C100',
        invoiceNumber: '1001',
        line: 2,
        itemVersion: 1,
        amountMinor: 3600,
        taxMinor: 0,
        retainageMinor: 0,
        financeChargeMinor: 3600,
        account: '7100',
      },
    ],
  );
  return id;
}

describe('requests repo', () => {
  it('round-trips a request and its lines, numbering ids', () => {
    expect(nextRequestId(database.db)).toBe('WO-000001');
    const id = insertSample();
    expect(nextRequestId(database.db)).toBe('WO-000002');
    expect(getRequest(database.db, id)).toMatchObject({ id, status: 'pending', totalMinor: 3600 });
    expect(getRequestLines(database.db, id)).toEqual([
      expect.objectContaining({ seq: 1, invoiceNumber: '1001', line: 2, financeChargeMinor: 3600 }),
    ]);
    expect(getRequest(database.db, 'WO-404')).toBeNull();
  });

  it('moves status only from the expected one', () => {
    const id = insertSample();
    expect(updateRequestStatus(database.db, id, ['stale'], { status: 'cancelled' })).toBe(false);
    expect(updateRequestStatus(database.db, id, ['pending'], { status: 'cancelled' })).toBe(true);
    expect(listRequestRows(database.db, { statuses: ['cancelled'] }).map((r) => r.id)).toEqual([
      id,
    ]);
    expect(setSlackMessage(database.db, id, { channel: 'C', ts: '1', threadTs: '1' })).toBe(true);
    expect(getRequest(database.db, id)?.slackChannel).toBe('C');
  });

  it('locks an item for one request only, and releases', () => {
    const a = insertSample();
    const b = insertSample();
    lockItems(database, a, ['1001'], ['P-9']);
    expect(() => lockItems(database, b, ['1001'], [])).toThrow();
    expect(invoiceLockHolder(database, '1001')).toBe(a);
    expect(onAccountLockHolder(database, 'P-9')).toBe(a);
    expect(invoiceLocksOfCustomer(database.db, 'C100')).toEqual(new Map([['1001', a]]));
    releaseLocks(database.db, a);
    expect(invoiceLockHolder(database, '1001')).toBeNull();
    expect(onAccountLockHolder(database, 'P-9')).toBeNull();
  });
});

describe('journal repo', () => {
  it('round-trips a balanced entry and refuses a second with the same reference', () => {
    const id = insertSample();
    const entry = {
      reference: `write-off:${id}`,
      kind: 'write_off' as const,
      requestId: id,
      period: '2026-06',
      entryOn: '2026-06-15',
      currency: 'USD',
      createdAtMs: NOW_MS,
      createdBy: 'U2',
    };
    const postings = [
      {
        account: '7150',
        debitMinor: 3600,
        creditMinor: 0,
        customerId: 'C100',
        invoiceNumber: '1001',
        line: 2,
      },
      {
        account: '1250',
        debitMinor: 0,
        creditMinor: 3600,
        customerId: 'C100',
        invoiceNumber: '1001',
        line: 2,
      },
    ];
    const entryId = insertJournalEntry(database, entry, postings);
    expect(getJournalEntry(database.db, entryId)).toMatchObject({
      ...entry,
      id: entryId,
      reversesEntryId: null,
    });
    expect(getJournalEntryByReference(database.db, entry.reference)?.id).toBe(entryId);
    expect(getPostings(database.db, entryId)).toEqual(
      postings.map((p, i) => ({ ...p, entryId, seq: i + 1, onAccountId: null })),
    );
    expect([...iteratePeriodPostings(database, '2026-06')]).toHaveLength(2);
    expect(() => insertJournalEntry(database, entry, postings)).toThrow();
  });

  it('refuses an unbalanced entry before writing', () => {
    const id = insertSample();
    expect(() =>
      insertJournalEntry(
        database,
        {
          reference: 'x',
          kind: 'write_off',
          requestId: id,
          period: '2026-06',
          entryOn: '2026-06-15',
          currency: 'USD',
          createdAtMs: NOW_MS,
          createdBy: 'U2',
        },
        [
          { account: '7100', debitMinor: 100, creditMinor: 0 },
          { account: '1200', debitMinor: 0, creditMinor: 99 },
        ],
      ),
    ).toThrow(/unbalanced/);
    expect(database.sqlite.prepare('SELECT count(*) FROM journal_entries').pluck().get()).toBe(0);
  });
});

describe('roles, audit and outbox repos', () => {
  it('round-trip roles and limits; covering approvers need the role', () => {
    expect(insertRole(database.db, 'U1', 'approver')).toBe(true);
    expect(insertRole(database.db, 'U1', 'approver')).toBe(false);
    upsertApproverLimit(database.db, { userId: 'U1', currency: 'USD', limitMinor: 500 });
    upsertApproverLimit(database.db, { userId: 'U2', currency: 'USD', limitMinor: 900 });
    expect(getApproverLimit(database.db, 'U1', 'USD')).toBe(500);
    expect(getApproverLimit(database.db, 'U1', 'EUR')).toBeNull();
    expect(listApproversCovering(database.db, 'USD', 500)).toEqual(['U1']);
    expect(listApproversCovering(database.db, 'USD', 501)).toEqual([]);
    expect(deleteRole(database.db, 'U1', 'approver')).toBe(true);
    expect(hasRole(database.db, 'U1', 'approver')).toBe(false);
  });

  it('round-trip audit rows with details and Slack source', () => {
    appendAudit(database.db, {
      atMs: NOW_MS,
      actor: 'U1',
      action: 'submitted',
      requestId: 'WO-000001',
      details: { totalMinor: 5 },
      slack: { channel: 'C1', ts: '9.9' },
      previewHash: 'abc',
    });
    expect(listAuditForRequest(database.db, 'WO-000001')).toEqual([
      {
        id: expect.any(Number),
        atMs: NOW_MS,
        actor: 'U1',
        action: 'submitted',
        requestId: 'WO-000001',
        details: { totalMinor: 5 },
        slackChannel: 'C1',
        slackTs: '9.9',
        previewHash: 'abc',
      },
    ]);
  });

  it('dedupes outbox messages by key', () => {
    const id = insertSample();
    const message = {
      requestId: id,
      kind: 'request_posted',
      payload: { requestId: id },
      dedupeKey: `${id}:posted`,
      atMs: NOW_MS,
    };
    expect(enqueueOutbox(database.db, message)).toBe(true);
    expect(enqueueOutbox(database.db, message)).toBe(false);
    expect(listDueOutbox(database.db, NOW_MS)).toEqual([
      {
        id: expect.any(Number),
        requestId: id,
        kind: 'request_posted',
        payload: { requestId: id },
        dedupeKey: `${id}:posted`,
        attempts: 0,
      },
    ]);
    expect(listDueOutbox(database.db, NOW_MS - 1)).toEqual([]);
  });
});
