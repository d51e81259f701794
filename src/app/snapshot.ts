// What a preview saw: the version of every invoice and on-account item it writes off, and the
// sha256 of its canonical lines. Approval compares both with the database
// (docs/write-off-rules.md#approval): a version that moved means the balance changed since the
// preview, so the request is stale.
import { createHash } from 'node:crypto';
import { getInvoiceVersions, getOnAccountVersions } from '../db/repos/invoices.ts';
import type { Tx } from '../db/store.ts';
import { canonicalPreviewRows } from '../domain/preview.ts';
import type { Preview } from '../domain/types.ts';

/**
 * Maps, not records: a run over the whole ledger snapshots 100k invoices, and a record's keys
 * are interned one by one (docs/decisions/320-automatic-preview-snapshot-and-invoice-retainage.md). A draft
 * keeps it as JSON (`snapshotToJson`, `snapshotFromJson`).
 */
export interface ItemSnapshot {
  /** invoice number → version */
  readonly invoices: ReadonlyMap<string, number>;
  /** on-account id → version */
  readonly onAccount: ReadonlyMap<string, number>;
}

/** The snapshot as a draft stores it (JSON). */
export interface ItemSnapshotJson {
  readonly invoices: Readonly<Record<string, number>>;
  readonly onAccount: Readonly<Record<string, number>>;
}

export function snapshotToJson(snapshot: ItemSnapshot): ItemSnapshotJson {
  return {
    invoices: Object.fromEntries(snapshot.invoices),
    onAccount: Object.fromEntries(snapshot.onAccount),
  };
}

export function snapshotFromJson(json: ItemSnapshotJson): ItemSnapshot {
  return {
    invoices: new Map(Object.entries(json.invoices)),
    onAccount: new Map(Object.entries(json.onAccount)),
  };
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
    ...[...snapshot.invoices].map(([k, v]) => `i\u0000${k}\u0000${v}`),
    ...[...snapshot.onAccount].map(([k, v]) => `o\u0000${k}\u0000${v}`),
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
    invoices: getInvoiceVersions(tx, keys.invoices),
    onAccount: getOnAccountVersions(tx, keys.onAccount),
  };
}

/**
 * The snapshot from versions read together with the items (the same read transaction as the
 * preview), equal to takeSnapshot's without a second pass over thousands of items. When every
 * item read is written off (items are made only from what was read, one per item), the versions
 * read are the snapshot itself.
 */
export function snapshotFrom(
  preview: Preview,
  versions: {
    readonly invoices: ReadonlyMap<string, number>;
    readonly onAccount: ReadonlyMap<string, number>;
  },
): ItemSnapshot {
  const keys = itemKeys(preview);
  return {
    invoices: versionsOf(versions.invoices, keys.invoices),
    onAccount: versionsOf(versions.onAccount, keys.onAccount),
  };
}

/** The versions of `keys`; `read` itself when it holds exactly those keys. */
function versionsOf(
  read: ReadonlyMap<string, number>,
  keys: readonly string[],
): ReadonlyMap<string, number> {
  // Items are made only from what was read, each once: equal sizes are equal sets.
  if (keys.length === read.size) return read;
  const versions = new Map<string, number>();
  for (const key of keys) {
    const version = read.get(key);
    if (version === undefined) throw new Error(`snapshot: no version read for ${key}`);
    versions.set(key, version);
  }
  return versions;
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
