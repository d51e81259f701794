// Percentiles and the printed table. Percentiles use the nearest-rank method on a sorted copy.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export const round = (value: number, digits = 2): number =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : value;

/** One row of the bench table: a figure, its baseline, the ratio and the verdict. */
export interface BenchRow {
  readonly bench: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** Baseline measured in the same run, when the figure has one. */
  readonly baseline?: number;
  readonly ratio?: number;
  /** Human text such as `≤ 1.1× bare` or `≤ 20 ms`. */
  readonly target: string;
  readonly met: boolean;
  readonly note?: string;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['bench', 'metric', 'value', 'baseline', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [
    r.bench,
    r.metric,
    `${round(r.value)} ${r.unit}`,
    r.baseline === undefined ? '-' : `${round(r.baseline)} ${r.unit}`,
    r.ratio === undefined ? '-' : `${round(r.ratio)}×`,
    r.target,
    r.met ? 'met' : 'MISSED',
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** `10k`, `100k`, `1M`: a size as the cost-curve rows name it. */
export const sizeLabel = (n: number): string =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
