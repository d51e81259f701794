// One esbuild bundle of a TypeScript entry, rebuilt only when a file it was built from changed
// (docs/decisions/270-prebuilt-start.md). Used by `npm start` (src/start.mjs) and by the bench's
// measuring children. Packages stay external; each bundled file keeps its own import.meta.url,
// so paths next to the sources (migrations, the sandbox's UI, worker entries) resolve as before.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A file's size and mtime: a bundle is stale once any of its inputs' stamps changed. */
const stampOf = (file) => {
  const stat = statSync(join(ROOT, file));
  return `${stat.size}:${stat.mtimeMs}`;
};

function isFresh(inputsFile) {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return Object.entries(inputs).every(([file, stamp]) => stampOf(file) === stamp);
  } catch {
    return false;
  }
}

/** Each source keeps its own location: `import.meta.url` becomes that file's URL. */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const url = JSON.stringify(pathToFileURL(path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** The CLI's entry and bundle folder: bin/writeoff.mjs runs it, the bench builds it ahead. */
export const CLI_BUNDLE = { entry: 'src/cli/main.ts', outDir: '.build/cli' };

/**
 * The bundle of `entry` (relative to the repository) under `outDir` (relative too), built if
 * missing or stale; returns its absolute path and throws when it cannot be built or written.
 */
export async function prebuilt(entry, outDir) {
  const name = basename(entry, '.ts');
  const bundle = join(ROOT, outDir, `${name}.mjs`);
  const inputsFile = join(ROOT, outDir, `${name}.inputs.json`);
  if (isFresh(inputsFile)) return bundle;
  const { build } = await import('esbuild');
  await mkdir(join(ROOT, outDir), { recursive: true });
  // Written under a name of its own and renamed: two starts at once never read half a file.
  const partial = `${bundle}.${process.pid}.partial`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
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
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = stampOf(file);
  renameSync(partial, bundle);
  writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs));
  renameSync(`${inputsFile}.${process.pid}`, inputsFile);
  return bundle;
}

/**
 * Runs `entry` from its bundle (built if needed); when the bundle cannot be built or written (a
 * read-only checkout, esbuild missing), through tsx's hooks instead: slower, never broken.
 */
export async function runPrebuilt(entry, outDir) {
  let bundle = null;
  try {
    bundle = await prebuilt(entry, outDir);
  } catch {
    // fall back to tsx below
  }
  if (bundle !== null) {
    await import(pathToFileURL(bundle).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(ROOT, entry)).href);
}
