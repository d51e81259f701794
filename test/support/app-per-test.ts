// Kept apart from slack-app.ts, which also runs outside vitest (bench/), because it registers
// a vitest hook.
import { afterEach } from 'vitest';
import { startTestApp, type TestApp, type TestAppOptions } from './slack-app.ts';

/**
 * For test files that start an app inside each test: registers an afterEach that stops the
 * test's app, and returns the starter (`options` default to `defaults()`, called per start).
 */
export function appPerTest(
  defaults: () => TestAppOptions = () => ({}),
): (options?: TestAppOptions) => Promise<TestApp> {
  let current: TestApp | undefined;
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return async (options = defaults()) => {
    current = await startTestApp(options);
    return current;
  };
}
