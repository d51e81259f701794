// Progress of long command-line work, always on stderr (stdout keeps exactly the result, so
// `--json` stays one document). On a terminal a cli-progress bar is redrawn in place; elsewhere (a
// pipe, a log file, CI) a plain line is written at every tenth. Work below `minTotal` reports
// nothing, so everyday small imports and runs print exactly what they always did.
import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './context.ts';

export interface Progress {
  readonly update: (done: number, total: number) => void;
  readonly stop: () => void;
}

export type ProgressUnit = 'bytes' | 'customers';

const MIB = 1024 * 1024;

function amount(value: number, unit: ProgressUnit): string {
  return unit === 'bytes' ? `${(value / MIB).toFixed(1)} MiB` : String(value);
}

export function startProgress(
  io: CliIo,
  label: string,
  unit: ProgressUnit,
  minTotal: number,
): Progress {
  let bar: SingleBar | undefined;
  let shownTenths = -1;
  let last: { done: number; total: number } | undefined;
  const plain = (done: number, total: number) => {
    const tenths = Math.floor((done / total) * 10);
    if (tenths === shownTenths) return;
    shownTenths = tenths;
    const of = `${amount(done, unit)} of ${amount(total, unit)}${unit === 'customers' ? ' customers' : ''}`;
    io.stderr(`${label}: ${tenths * 10}% (${of})\n`);
  };
  return {
    update(done, total) {
      if (total < minTotal) return;
      last = { done, total };
      const stream = io.progressStream;
      if (stream === undefined) return plain(done, total);
      if (bar === undefined) {
        bar = new SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit === 'bytes' ? 'bytes' : 'customers'} | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      if (bar === undefined && last !== undefined && shownTenths < 10)
        plain(last.total, last.total);
    },
  };
}
