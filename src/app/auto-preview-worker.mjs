// Entry of the preview worker thread (ADR 170): registers tsx so the TypeScript worker runs as-is
// under `npm start`, the CLI and the tests alike, then runs it.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./auto-preview-worker-main.ts', import.meta.url).href);
