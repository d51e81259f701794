// The modal's view of an automatic run made while the run streams (ADR 210): summary, journal,
// hash and CSV detail are accumulated item by item, and the items themselves are never kept, so
// a run over the whole ledger needs little memory. The figures are exactly describeRun's of the
// full preview (a test compares them); should items ever arrive out of the preview's order, the
// run is described from the full preview instead.
import { createHash } from 'node:crypto';
import type { AutoCriteriaInput } from '../domain/automatic.ts';
import { addItemToNet, rowsFromNet } from '../domain/journal.ts';
import {
  canonicalHeaderRow,
  canonicalItemRows,
  compareItems,
  normaliseItem,
  type PreviewHeader,
} from '../domain/preview.ts';
import { createSummaryBuilder } from '../domain/preview-summary.ts';
import type { PostingAccounts, Result, WriteOffItem } from '../domain/types.ts';
import { ok } from '../domain/types.ts';
import { type AutoRunPreview, customerNamesOf, describeRun } from './auto-run.ts';
import type { AppDeps, AppError } from './deps.ts';
import { createCsvWriter } from './preview-csv.ts';
import {
  type AutomaticRunOptions,
  previewAutomaticRun,
  streamAutomaticRun,
} from './preview-write-off.ts';

export function describeRunStreamed(
  deps: AppDeps,
  input: AutoCriteriaInput,
  options: AutomaticRunOptions = {},
): Result<AutoRunPreview, AppError> {
  const streamed = streamAutomaticRun(deps, input, describingSink, options);
  if (!streamed.ok) return streamed;
  const { run, largest } = streamed.value;
  if (run !== null) return ok({ ...run, customerNames: customerNamesOf(deps, largest) });
  const full = previewAutomaticRun(deps, input, options);
  return full.ok ? ok(describeRun(deps, full.value.preview, { withCsv: true })) : full;
}

type Described = Omit<AutoRunPreview, 'customerNames'>;

function describingSink(header: PreviewHeader, accounts: PostingAccounts) {
  const summary = createSummaryBuilder();
  const csv = createCsvWriter(header.currency);
  const canonical = chunkedText();
  const net = new Map<string, number>();
  let totalMinor = 0;
  let previous: WriteOffItem | undefined;
  let inOrder = true;
  return {
    addItem(item: WriteOffItem) {
      const kept = normaliseItem(item);
      if (kept === undefined) return;
      if (previous !== undefined && compareItems(previous, kept) >= 0) inOrder = false;
      previous = kept;
      totalMinor += kept.totalMinor;
      addItemToNet(net, kept, accounts);
      summary.addItem(kept);
      for (const row of canonicalItemRows(kept)) canonical.add(`\n${row}`);
      csv.add(kept);
    },
    addSkipped: summary.addSkipped,
    finish(): { run: Described | null; largest: readonly WriteOffItem[] } {
      if (!inOrder) return { run: null, largest: [] };
      const netSum = [...net.values()].reduce((sum, v) => sum + v, 0);
      if (netSum !== 0) throw new Error(`preview: journal does not balance (${netSum})`);
      const built = summary.build(totalMinor, rowsFromNet(net));
      const hash = createHash('sha256').update(canonicalHeaderRow({ ...header, totalMinor }));
      for (const chunk of canonical.chunks()) hash.update(chunk);
      const run = { header, summary: built, hash: hash.digest('hex'), csv: csv.bytes() };
      return { run, largest: built.largest };
    },
  };
}

/** Text appended in small pieces, kept as UTF-8 buffers of about a MiB each. */
function chunkedText() {
  const chunks: Buffer[] = [];
  let pending = '';
  return {
    add(text: string) {
      pending += text;
      if (pending.length >= 1 << 20) {
        chunks.push(Buffer.from(pending, 'utf8'));
        pending = '';
      }
    },
    chunks(): Buffer[] {
      if (pending !== '') chunks.push(Buffer.from(pending, 'utf8'));
      pending = '';
      return chunks;
    },
  };
}
