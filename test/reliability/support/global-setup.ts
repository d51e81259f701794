// Global setup of the reliability config: a fresh figures file for this run, and at the end a
// table of every suite's trials, cases and failures.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURES_ENV, type Figures } from './scale.ts';

const file = join(tmpdir(), `writeoff-reliability-${process.pid}.jsonl`);

export function setup(): void {
  rmSync(file, { force: true });
  process.env[FIGURES_ENV] = file;
}

export function teardown(): void {
  const rows: Figures[] = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Figures)
    : [];
  rmSync(file, { force: true });
  const width = Math.max(5, ...rows.map((r) => r.suite.length));
  const lines = rows.map(
    (r) =>
      `${r.suite.padEnd(width)}  ${String(r.trials).padStart(7)}  ${String(r.cases).padStart(8)}  ${String(r.failures).padStart(8)}  ${r.note ?? ''}`,
  );
  const header = `${'suite'.padEnd(width)}  ${'trials'.padStart(7)}  ${'cases'.padStart(8)}  ${'failures'.padStart(8)}  note`;
  console.log(`\nreliability figures\n${header}\n${lines.join('\n')}\n`);
}
