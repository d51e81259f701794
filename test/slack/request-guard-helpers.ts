// Shared by the request-guard tests: an approval app per test (closed after it) and the requests
// and clock they sign with.
import { afterEach } from 'vitest';
import { slashCommand } from '../support/slack-request.ts';
import { ADMIN, type ApprovalApp, CLERK, startApprovalApp } from './approval-helpers.ts';

type StartOptions = Parameters<typeof startApprovalApp>[0];

/** Registers the afterEach that closes the test's app; returns the function that starts it. */
export function appPerTest(): (options?: StartOptions) => Promise<ApprovalApp> {
  let t: ApprovalApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  return async (options: StartOptions = {}) => {
    t = await startApprovalApp({ deps: { admins: [ADMIN] }, ...options });
    return t;
  };
}

export const nowSec = () => Math.floor(Date.now() / 1000);
export const help = () => slashCommand({ text: 'help', userId: CLERK });
