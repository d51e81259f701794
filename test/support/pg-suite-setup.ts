// Setup file of the PostgreSQL run of the use-case suite (vitest.config.ts): each test takes the
// file's PostgreSQL stores from the start again, emptied (test/support/backend.ts), and the file
// closes them at its end.
import { afterAll, afterEach, beforeEach } from 'vitest';
import { pgSuiteHooks } from './backend.ts';

beforeEach(() => pgSuiteHooks.beforeEach());
afterEach(() => pgSuiteHooks.afterEach());
afterAll(() => pgSuiteHooks.afterAll());
