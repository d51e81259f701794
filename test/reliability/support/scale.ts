// Trial counts for the reliability suite. `npm test` runs every file at its fast size (a few
// seconds in all); `npm run test:reliability` sets WRITEOFF_RELIABILITY=full for the full
// sizes. Each file records its figures, printed together at the end of the run.
import { appendFileSync } from 'node:fs';

export const FULL = process.env.WRITEOFF_RELIABILITY === 'full';

/** `fast` inside `npm test`, `full` inside `npm run test:reliability`. */
export function scaled(fast: number, full: number): number {
  return FULL ? full : fast;
}

export interface Figures {
  readonly suite: string;
  readonly trials: number;
  readonly cases: number;
  readonly failures: number;
  readonly note?: string;
}

/** Where workers append figures; set by the reliability global setup, absent in `npm test`. */
export const FIGURES_ENV = 'WRITEOFF_RELIABILITY_FIGURES';

/** Appends to this run's figures file; a no-op under `npm test`, which prints no table. */
export function recordFigures(figures: Figures): void {
  const file = process.env[FIGURES_ENV];
  if (file !== undefined) appendFileSync(file, `${JSON.stringify(figures)}\n`);
}
