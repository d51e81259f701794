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
import { txOf } from '../../src/db/sqlite-store.ts';
import { createImportedDatabase, NOW_MS } from '../support/db.ts';

let database: Database;
beforeEach(() => {
  database = createImportedDatabase();
});

function insertSample(id = nextRequestId(txOf(database))): string {
  insertRequest(
    txOf(database),
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
    expect(nextRequestId(txOf(database))).toBe('WO-000001');
    const id = insertSample();
    expect(nextRequestId(txOf(database))).toBe('WO-000002');
    expect(getRequest(txOf(database), id)).toMatchObject({
      id,
      status: 'pending',
      totalMinor: 3600,
    });
    expect(getRequestLines(txOf(database), id)).toEqual([
      expect.objectContaining({ seq: 1, invoiceNumber: '1001', line: 2, financeChargeMinor: 3600 }),
    ]);
    expect(getRequest(txOf(database), 'WO-404')).toBeNull();
  });

  it('moves status only from the expected one', () => {
    const id = insertSample();
    expect(updateRequestStatus(txOf(database), id, ['stale'], { status: 'cancelled' })).toBe(false);
    expect(updateRequestStatus(txOf(database), id, ['pending'], { status: 'cancelled' })).toBe(
      true,
    );
    expect(listRequestRows(txOf(database), { statuses: ['cancelled'] }).map((r) => r.id)).toEqual([
      id,
    ]);
    expect(setSlackMessage(txOf(database), id, { channel: 'C', ts: '1', threadTs: '1' })).toBe(
      true,
    );
    expect(getRequest(txOf(database), id)?.slackChannel).toBe('C');
  });

  it('locks an item for one request only, and releases', () => {
    const a = insertSample();
    const b = insertSample();
    lockItems(txOf(database), a, ['1001'], ['P-9']);
    expect(() => lockItems(txOf(database), b, ['1001'], [])).toThrow();
    expect(invoiceLockHolder(txOf(database), '1001')).toBe(a);
    expect(onAccountLockHolder(txOf(database), 'P-9')).toBe(a);
    expect(invoiceLocksOfCustomer(txOf(database), 'C100')).toEqual(new Map([['1001', a]]));
    releaseLocks(txOf(database), a);
    expect(invoiceLockHolder(txOf(database), '1001')).toBeNull();
    expect(onAccountLockHolder(txOf(database), 'P-9')).toBeNull();
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
    const entryId = insertJournalEntry(txOf(database), entry, postings);
    expect(getJournalEntry(txOf(database), entryId)).toMatchObject({
      ...entry,
      id: entryId,
      reversesEntryId: null,
    });
    expect(getJournalEntryByReference(txOf(database), entry.reference)?.id).toBe(entryId);
    expect(getPostings(txOf(database), entryId)).toEqual(
      postings.map((p, i) => ({ ...p, entryId, seq: i + 1, onAccountId: null })),
    );
    expect([...iteratePeriodPostings(txOf(database), '2026-06')]).toHaveLength(2);
    expect(() => insertJournalEntry(txOf(database), entry, postings)).toThrow();
  });

  it('refuses an unbalanced entry before writing', () => {
    const id = insertSample();
    expect(() =>
      insertJournalEntry(
        txOf(database),
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
    expect(insertRole(txOf(database), 'U1', 'approver')).toBe(true);
    expect(insertRole(txOf(database), 'U1', 'approver')).toBe(false);
    upsertApproverLimit(txOf(database), { userId: 'U1', currency: 'USD', limitMinor: 500 });
    upsertApproverLimit(txOf(database), { userId: 'U2', currency: 'USD', limitMinor: 900 });
    expect(getApproverLimit(txOf(database), 'U1', 'USD')).toBe(500);
    expect(getApproverLimit(txOf(database), 'U1', 'EUR')).toBeNull();
    expect(listApproversCovering(txOf(database), 'USD', 500)).toEqual(['U1']);
    expect(listApproversCovering(txOf(database), 'USD', 501)).toEqual([]);
    expect(deleteRole(txOf(database), 'U1', 'approver')).toBe(true);
    expect(hasRole(txOf(database), 'U1', 'approver')).toBe(false);
  });

  it('round-trip audit rows with details and Slack source', () => {
    appendAudit(txOf(database), {
      atMs: NOW_MS,
      actor: 'U1',
      action: 'submitted',
      requestId: 'WO-000001',
      details: { totalMinor: 5 },
      slack: { channel: 'C1', ts: '9.9' },
      previewHash: 'abc',
    });
    expect(listAuditForRequest(txOf(database), 'WO-000001')).toEqual([
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
    expect(enqueueOutbox(txOf(database), message)).toBe(true);
    expect(enqueueOutbox(txOf(database), message)).toBe(false);
    expect(listDueOutbox(txOf(database), NOW_MS)).toEqual([
      {
        id: expect.any(Number),
        requestId: id,
        kind: 'request_posted',
        payload: { requestId: id },
        dedupeKey: `${id}:posted`,
        attempts: 0,
      },
    ]);
    expect(listDueOutbox(txOf(database), NOW_MS - 1)).toEqual([]);
  });
});
