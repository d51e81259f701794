// Measuring children start from one esbuild bundle of their bench file instead of through tsx's
// loader hooks (about a second of CPU less per child; the bench starts dozens), the way `npm
// start` runs the product (docs/decisions/270-prebuilt-start.md; both use src/prebuilt.mjs).
// Bundles are kept under .build/bench/. If one cannot be built, the child runs through tsx.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prebuilt } from '../../src/prebuilt.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Set for a bundled child: the bench file it was built from (see `isMain`). */
export const BENCH_ENTRY_ENV = 'WRITEOFF_BENCH_ENTRY';

const building = new Map<string, Promise<string | null>>();

/**
 * How node starts `file` (a bench .ts file): its bundle, or through tsx when none can be built.
 */
export async function nodeArgsFor(file: string): Promise<string[]> {
  const bundle = await bundledEntry(file);
  return bundle === null ? [...process.execArgv, file] : [bundle];
}

/** The bundle of `file` (a bench .ts file), built if missing or stale; null if it cannot be. */
export function bundledEntry(file: string): Promise<string | null> {
  let pending = building.get(file);
  if (pending === undefined) {
    pending = prebuilt(relative(ROOT, file), '.build/bench').catch(() => null);
    building.set(file, pending);
  }
  return pending;
}
