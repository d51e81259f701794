// Entry of `npm start` (ADR 270): runs src/main.ts as ONE prebuilt ES module (src/prebuilt.mjs)
// instead of through tsx's loader hooks, which made start-up mostly module loading (every
// module, ours and the packages', went through the hooks; the packages now load natively). The
// bundle is written to .build/ on the first start and again whenever a file it was built from
// changed. If it cannot be built or written, the bot starts through tsx as before: slower, never
// broken.
import { pathToFileURL } from 'node:url';
import { prebuilt } from './prebuilt.mjs';

async function bundled() {
  try {
    return pathToFileURL(await prebuilt('src/main.ts', '.build')).href;
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
