// Entry of the PostgreSQL bridge thread: registers tsx so the TypeScript worker runs as-is under
// `npm start` and the tests alike (like src/post-ack-worker.mjs).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./bridge-worker.ts', import.meta.url).href);
