#!/usr/bin/env node
// The `writeoff` package bin: registers tsx so the TypeScript CLI runs as-is, from any cwd.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
