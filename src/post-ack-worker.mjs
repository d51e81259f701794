// Entry of the post-ack thread (ADR 201): registers tsx so the TypeScript worker runs as-is under
// `npm start` and the tests alike, then runs it (like src/app/auto-preview-worker.mjs).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./post-ack-worker.ts', import.meta.url).href);
