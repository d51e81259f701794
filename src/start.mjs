// Entry of `npm start` (ADR 270): runs src/main.ts as ONE prebuilt ES module instead of through
// tsx's loader hooks, which made start-up mostly module loading (every module, ours and the
// packages', went through the hooks; the packages now load natively). The bundle is written to
// .build/ by esbuild on the first start and again whenever a file it was built from changed;
// packages stay external. Each bundled file keeps its own import.meta.url, so paths next to the
// sources (migrations, the sandbox's UI, the worker entries) resolve as before. If the bundle
// cannot be built or written, the bot starts through tsx as before: slower, never broken.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, '.build');
const BUNDLE = join(OUT_DIR, 'main.mjs');
/** The files the bundle was built from, with their size and mtime then. */
const INPUTS = join(OUT_DIR, 'main.inputs.json');

const stampOf = (file) => {
  const stat = statSync(join(ROOT, file));
  return `${stat.size}:${stat.mtimeMs}`;
};

function bundleIsFresh() {
  try {
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
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

async function buildBundle() {
  const { build } = await import('esbuild');
  await mkdir(OUT_DIR, { recursive: true });
  // Written under a name of its own and renamed: two starts at once never read half a file.
  const partial = `${BUNDLE}.${process.pid}.partial`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/main.ts'],
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
  renameSync(partial, BUNDLE);
  writeFileSync(`${INPUTS}.${process.pid}`, JSON.stringify(inputs));
  renameSync(`${INPUTS}.${process.pid}`, INPUTS);
}

async function bundled() {
  try {
    if (!bundleIsFresh()) await buildBundle();
    return pathToFileURL(BUNDLE).href;
  } catch {
    return null;
  }
}

const entry = await bundled();
if (entry === null) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./main.ts', import.meta.url).href);
} else {
  await import(entry);
}
