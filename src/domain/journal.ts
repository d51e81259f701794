// The journal entry of a write-off (docs/write-off-rules.md#journal-entry, ADR 002). Postings are
// built per written-off line so an auditor can trace every debit to an invoice line; the preview
// nets them per account.
import type {
  JournalRow,
  LineParts,
  PostingAccounts,
  WriteOffItem,
  WriteOffLine,
} from './types.ts';

/** One side of one account. Exactly one of debit/credit is non-zero; both are ≥ 0. */
export interface Posting {
  readonly account: string;
  readonly debitMinor: number;
  readonly creditMinor: number;
}

/** A signed debit: positive debits the account, negative credits it (the sides swap). */
function debit(account: string, signedMinor: number): Posting[] {
  if (signedMinor === 0) return [];
  return signedMinor > 0
    ? [{ account, debitMinor: signedMinor, creditMinor: 0 }]
    : [{ account, debitMinor: 0, creditMinor: -signedMinor }];
}

function credit(account: string, signedMinor: number): Posting[] {
  return debit(account, -signedMinor);
}

/**
 * docs/write-off-rules.md#journal-entry for one line: A = amount, T = tax, R = retainage, F =
 * finance charge, all signed.
 */
export function postingsForLine(
  parts: LineParts,
  writeOffAccount: string,
  accounts: PostingAccounts,
): Posting[] {
  const { amountMinor: a, taxMinor: t, retainageMinor: r, financeChargeMinor: f } = parts;
  return [
    ...debit(writeOffAccount, a - t - f),
    ...debit(accounts.taxPayable, t),
    ...debit(accounts.fcWriteOff, f),
    ...credit(accounts.ar, a - r - f),
    ...credit(accounts.arRetainage, r),
    ...credit(accounts.fcReceivable, f),
  ];
}

/** All postings of one item; an on-account item debits its write-off account and credits A/R. */
export function postingsForItem(item: WriteOffItem, accounts: PostingAccounts): Posting[] {
  if (item.kind === 'on_account') {
    return [...debit(item.account, item.totalMinor), ...credit(accounts.ar, item.totalMinor)];
  }
  return item.lines.flatMap((line: WriteOffLine) => postingsForLine(line, line.account, accounts));
}

/**
 * addToNet(net, postingsForItem(item, accounts)) without building the postings: the preview
 * builder nets every line of runs over the whole ledger, so it skips the arrays. Same sums.
 */
export function addItemToNet(
  net: Map<string, number>,
  item: WriteOffItem,
  accounts: PostingAccounts,
): void {
  if (item.kind === 'on_account') {
    addNet(net, item.account, item.totalMinor);
    addNet(net, accounts.ar, -item.totalMinor);
    return;
  }
  for (const line of item.lines) {
    const { amountMinor: a, taxMinor: t, retainageMinor: r, financeChargeMinor: f } = line;
    addNet(net, line.account, a - t - f);
    addNet(net, accounts.taxPayable, t);
    addNet(net, accounts.fcWriteOff, f);
    addNet(net, accounts.ar, -(a - r - f));
    addNet(net, accounts.arRetainage, -r);
    addNet(net, accounts.fcReceivable, -f);
  }
}

function addNet(net: Map<string, number>, account: string, signedMinor: number): void {
  if (signedMinor !== 0) net.set(account, (net.get(account) ?? 0) + signedMinor);
}

/** Accumulates signed net (debit − credit) per account; the preview builder keeps one. */
export function addToNet(net: Map<string, number>, postings: Iterable<Posting>): void {
  for (const posting of postings) {
    net.set(
      posting.account,
      (net.get(posting.account) ?? 0) + posting.debitMinor - posting.creditMinor,
    );
  }
}

/** One row per account from a signed net map, zero rows dropped, sorted by account code. */
export function rowsFromNet(net: ReadonlyMap<string, number>): JournalRow[] {
  return [...net.entries()]
    .filter(([, netMinor]) => netMinor !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([account, netMinor]) => ({
      account,
      debitMinor: Math.max(netMinor, 0),
      creditMinor: Math.max(-netMinor, 0),
    }));
}

/** Nets postings per account: zero rows dropped, sorted by account code. */
export function netJournal(postings: Iterable<Posting>): JournalRow[] {
  const net = new Map<string, number>();
  addToNet(net, postings);
  return rowsFromNet(net);
}

/** The mirror entry: every debit becomes a credit of the same amount and vice versa. */
export function reversePostings(postings: readonly Posting[]): Posting[] {
  return postings.map((p) => ({
    account: p.account,
    debitMinor: p.creditMinor,
    creditMinor: p.debitMinor,
  }));
}

/** Programmer-error check: well-formed postings whose debits equal their credits. */
export function assertBalanced(postings: readonly Posting[]): void {
  let debitsMinor = 0;
  let creditsMinor = 0;
  for (const p of postings) {
    const wellFormed =
      Number.isSafeInteger(p.debitMinor) &&
      Number.isSafeInteger(p.creditMinor) &&
      p.debitMinor >= 0 &&
      p.creditMinor >= 0 &&
      (p.debitMinor === 0) !== (p.creditMinor === 0);
    if (!wellFormed) {
      throw new Error(`journal: malformed posting ${JSON.stringify(p)}`);
    }
    debitsMinor += p.debitMinor;
    creditsMinor += p.creditMinor;
  }
  if (debitsMinor !== creditsMinor) {
    throw new Error(`journal: unbalanced entry, debits ${debitsMinor} ≠ credits ${creditsMinor}`);
  }
}
