// Measuring children start from one esbuild bundle of their bench file instead of through tsx's
// loader hooks (about a second of CPU less per child; the bench starts dozens), the way `npm
// start` runs the product (docs/decisions/270-prebuilt-start.md). Packages stay external; each
// bundled file keeps its own import.meta.url. A bundle is rebuilt when one of its inputs changed
// and kept under .build/bench/. If it cannot be built, the child runs through tsx as before.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT_DIR = join(ROOT, '.build', 'bench');
/** Set for a bundled child: the bench file it was built from (see `isMain`). */
export const BENCH_ENTRY_ENV = 'WRITEOFF_BENCH_ENTRY';

const stampOf = (file: string) => {
  const stat = statSync(join(ROOT, file));
  return `${stat.size}:${stat.mtimeMs}`;
};

function isFresh(inputsFile: string): boolean {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as Record<string, string>;
    return Object.entries(inputs).every(([file, stamp]) => stampOf(file) === stamp);
  } catch {
    return false;
  }
}

const keepModuleUrls: Plugin = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const url = JSON.stringify(pathToFileURL(path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

const building = new Map<string, Promise<string | null>>();

/** The bundle of `file` (a bench .ts file), built if missing or stale; null if it cannot be. */
export function bundledEntry(file: string): Promise<string | null> {
  let pending = building.get(file);
  if (pending === undefined) {
    pending = build(file).catch(() => null);
    building.set(file, pending);
  }
  return pending;
}

async function build(file: string): Promise<string> {
  const name = basename(file, '.ts');
  const bundle = join(OUT_DIR, `${name}.mjs`);
  const inputsFile = join(OUT_DIR, `${name}.inputs.json`);
  if (isFresh(inputsFile)) return bundle;
  const esbuild = await import('esbuild');
  mkdirSync(OUT_DIR, { recursive: true });
  const partial = `${bundle}.${process.pid}.partial`;
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [relative(ROOT, file)],
    outfile: partial,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
    plugins: [keepModuleUrls],
  });
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs)) inputs[input] = stampOf(input);
  renameSync(partial, bundle);
  writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs));
  renameSync(`${inputsFile}.${process.pid}`, inputsFile);
  return bundle;
}
