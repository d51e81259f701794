// An invoice's content digest is stored and compared on every re-import: it must never change
// for the same content, or a refresh would see every invoice as changed and make pending
// requests stale. The expected value was computed with the original incremental SHA-1.
import { describe, expect, it } from 'vitest';
import { invoiceContentHash } from '../../src/db/ar-import.repo.ts';

describe('invoice content digest', () => {
  it('stays the digest stored by earlier imports', () => {
    const invoice = {
      number: '1001',
      customerId: 'C100',
      date: '2026-03-01',
      dueDate: '2026-03-31',
      lines: [
        {
          line: 1,
          description: 'Framing',
          dueMinor: 10700,
          taxMinor: 700,
          retainageMinor: 0,
          financeChargeMinor: 0,
        },
        {
          line: 2,
          description: 'Late fee ü',
          dueMinor: 2500,
          taxMinor: 0,
          retainageMinor: 0,
          financeChargeMinor: 2500,
        },
      ],
    };
    expect(invoiceContentHash(invoice)).toBe('lje+aJtqL6nf17QeZCKfyrlpq/A=');
  });
});
