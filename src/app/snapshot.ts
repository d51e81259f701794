// What a preview saw: the version of every invoice and on-account item it writes off, and the
// sha256 of its canonical lines. Approval compares both with the database
// (docs/write-off-rules.md#approval): a version that moved means the balance changed since the
// preview, so the request is stale.
import { createHash } from 'node:crypto';
import { getInvoiceVersions, getOnAccountVersions } from '../db/repos/invoices.ts';
import type { Tx } from '../db/store.ts';
import { canonicalPreviewRows } from '../domain/preview.ts';
import type { Preview } from '../domain/types.ts';

/** JSON-friendly, so the Slack layer can keep it in a draft between preview and submit. */
export interface ItemSnapshot {
  /** invoice number → version */
  readonly invoices: Readonly<Record<string, number>>;
  /** on-account id → version */
  readonly onAccount: Readonly<Record<string, number>>;
}

/** sha256 of canonicalPreviewLines, fed a row at a time (a large run's text is never built). */
export function previewHash(preview: Preview): string {
  const hash = createHash('sha256');
  let separator = '';
  for (const row of canonicalPreviewRows(preview)) {
    hash.update(separator + row);
    separator = '\n';
  }
  return hash.digest('hex');
}

export function snapshotHash(snapshot: ItemSnapshot): string {
  const rows = [
    ...Object.entries(snapshot.invoices).map(([k, v]) => `i\u0000${k}\u0000${v}`),
    ...Object.entries(snapshot.onAccount).map(([k, v]) => `o\u0000${k}\u0000${v}`),
  ].sort();
  return createHash('sha256').update(rows.join('\n')).digest('hex');
}

export function itemKeys(preview: Preview): { invoices: string[]; onAccount: string[] } {
  const invoices: string[] = [];
  const onAccount: string[] = [];
  for (const item of preview.items) {
    if (item.kind === 'invoice') invoices.push(item.invoice);
    else onAccount.push(item.onAccountId);
  }
  return { invoices, onAccount };
}

/** The current versions of everything the preview writes off. */
export function takeSnapshot(tx: Tx, preview: Preview): ItemSnapshot {
  const keys = itemKeys(preview);
  return {
    invoices: Object.fromEntries(getInvoiceVersions(tx, keys.invoices)),
    onAccount: Object.fromEntries(getOnAccountVersions(tx, keys.onAccount)),
  };
}

/**
 * The snapshot from versions read together with the items (the same read transaction as the
 * preview), equal to takeSnapshot's without a second pass over thousands of items.
 */
export function snapshotFrom(
  preview: Preview,
  versions: {
    readonly invoices: ReadonlyMap<string, number>;
    readonly onAccount: ReadonlyMap<string, number>;
  },
): ItemSnapshot {
  const invoices = keyedRecord();
  const onAccount = keyedRecord();
  for (const item of preview.items) {
    if (item.kind === 'invoice')
      invoices[item.invoice] = versionOf(versions.invoices, item.invoice);
    else onAccount[item.onAccountId] = versionOf(versions.onAccount, item.onAccountId);
  }
  return { invoices, onAccount };
}

/**
 * An empty plain object made for many keys. V8 gives an object literal a new hidden class per
 * key added until it switches to a hash table; deleting a key switches it at once. For the 94k
 * invoices of bench 3's finance-charge run the inserts cost ~30 instead of ~75 ms of CPU; to
 * everything else the object is the same plain `{}`
 * (docs/decisions/285-automatic-runs-read-lean-rows.md).
 */
function keyedRecord(): Record<string, number> {
  const record: Record<string, number> = { '': 0 };
  delete record[''];
  return record;
}

function versionOf(versions: ReadonlyMap<string, number>, key: string): number {
  const version = versions.get(key);
  if (version === undefined) throw new Error(`snapshot: no version read for ${key}`);
  return version;
}

/** Items whose current version differs from the snapshot (or that vanished), sorted. */
export function changedItems(
  tx: Tx,
  invoices: ReadonlyMap<string, number>,
  onAccount: ReadonlyMap<string, number>,
): string[] {
  return changedSince(invoices, onAccount, {
    invoices: getInvoiceVersions(tx, [...invoices.keys()]),
    onAccount: getOnAccountVersions(tx, [...onAccount.keys()]),
  });
}

/** Items whose version in `now` differs from the expected one (or that are absent), sorted. */
export function changedSince(
  invoices: ReadonlyMap<string, number>,
  onAccount: ReadonlyMap<string, number>,
  now: {
    readonly invoices: ReadonlyMap<string, number>;
    readonly onAccount: ReadonlyMap<string, number>;
  },
): string[] {
  const changed: string[] = [];
  for (const [number, version] of invoices) {
    if (now.invoices.get(number) !== version) changed.push(number);
  }
  for (const [id, version] of onAccount) {
    if (now.onAccount.get(id) !== version) changed.push(id);
  }
  return changed.sort();
}
