// Postings traced to what they write off (an invoice line or an on-account item), so an auditor
// can follow every debit of the journal to its source (docs/write-off-rules.md#journal-entry):
// built from a request's stored lines when it is posted, and mirrored when it is reversed.
// Pure: the use-cases load the lines and postings and write the result.
import { type Posting, postingsForLine } from './journal.ts';
import type { LineParts, PostingAccounts } from './types.ts';

export interface TracedPosting extends Posting {
  readonly customerId?: string;
  readonly invoiceNumber?: string;
  readonly line?: number;
  readonly onAccountId?: string;
}

/** A request line as stored when it was previewed: an invoice line's parts, or an on-account item. */
export interface StoredWriteOffLine extends LineParts {
  readonly kind: string;
  readonly customerId: string;
  readonly invoiceNumber: string | null;
  readonly line: number | null;
  readonly onAccountId: string | null;
  /** The write-off account the line debits. */
  readonly account: string;
}

/** A posting as recorded in the journal; a trace it does not have is null. */
export interface RecordedPosting extends Posting {
  readonly customerId: string | null;
  readonly invoiceNumber: string | null;
  readonly line: number | null;
  readonly onAccountId: string | null;
}

/** The postings of every stored line, each traced to its invoice line / on-account item. */
export function tracedPostings(
  lines: readonly StoredWriteOffLine[],
  accounts: PostingAccounts,
): TracedPosting[] {
  const out: TracedPosting[] = [];
  // Plain object literals, not spreads: this runs once per posting of runs with 10k+ lines,
  // and spreading into differently shaped objects is an order of magnitude slower in V8.
  for (const row of lines) {
    const customerId = row.customerId;
    if (row.kind === 'on_account') {
      const onAccountId = row.onAccountId ?? '';
      const parts = {
        amountMinor: row.amountMinor,
        taxMinor: 0,
        retainageMinor: 0,
        financeChargeMinor: 0,
      };
      for (const p of postingsForLine(parts, row.account, accounts)) {
        out.push({
          account: p.account,
          debitMinor: p.debitMinor,
          creditMinor: p.creditMinor,
          customerId,
          onAccountId,
        });
      }
      continue;
    }
    const invoiceNumber = row.invoiceNumber ?? '';
    const line = row.line ?? 0;
    for (const p of postingsForLine(row, row.account, accounts)) {
      out.push({
        account: p.account,
        debitMinor: p.debitMinor,
        creditMinor: p.creditMinor,
        customerId,
        invoiceNumber,
        line,
      });
    }
  }
  return out;
}

/** The reversal: every posting with its sides swapped, keeping its trace. */
export function mirrorPostings(postings: readonly RecordedPosting[]): TracedPosting[] {
  return postings.map((p) => {
    // A plain literal filled in place (runs once per posting), for the same reason as above.
    const mirror: {
      account: string;
      debitMinor: number;
      creditMinor: number;
      customerId?: string;
      invoiceNumber?: string;
      line?: number;
      onAccountId?: string;
    } = { account: p.account, debitMinor: p.creditMinor, creditMinor: p.debitMinor };
    if (p.customerId !== null) mirror.customerId = p.customerId;
    if (p.invoiceNumber !== null) mirror.invoiceNumber = p.invoiceNumber;
    if (p.line !== null) mirror.line = p.line;
    if (p.onAccountId !== null) mirror.onAccountId = p.onAccountId;
    return mirror;
  });
}
