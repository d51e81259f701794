// Entry of `npm start` (ADR 270): runs src/main.ts as ONE prebuilt ES module (src/prebuilt.mjs)
// instead of through tsx's loader hooks, which made start-up mostly module loading (every
// module, ours and the packages', went through the hooks; the packages now load natively). The
// bundle is written to .build/ on the first start and again whenever a file it was built from
// changed. If it cannot be built or written, the bot starts through tsx as before: slower, never
// broken.
import { runPrebuilt } from './prebuilt.mjs';

await runPrebuilt('src/main.ts', '.build');
