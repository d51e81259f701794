// A person's walk through the Slack flows against the REAL process (`npm start`, HTTP mode), with
// a fake Slack Web API on 127.0.0.1 standing in for Slack. It prints what each person would see
// and exits non-zero when a step does not behave. Run: `npm run walkthrough` (about 15 s).
//
// Cast: clerk U0CLERK, approver U0APPROVER (granted by the admin through the CLI), admin U0ADMIN.
// Story: request A (Entry, one invoice in full + one partial) is refused to its own requester,
// then approved and posted once (a second click posts nothing); request B is rejected with a
// reason; request C holds its invoice, shows on the approver's Home tab, goes stale when a changed
// A/R file is imported, and comes back as a fresh preview; A is reversed; the period is exported.
import { approveRequestA } from './walkthrough-approve.ts';
import { ADMIN, CHANNEL } from './walkthrough-people.ts';
import { startProduct, waitForHealth } from './walkthrough-process.ts';
import { rejectStaleAndReverse } from './walkthrough-reject-stale.ts';
import { startWalkthrough } from './walkthrough-session.ts';

const w = await startWalkthrough();
const { fake, failures, port, dbPath, secret } = w;

// A stuck step must not leave `npm start` running: the watchdog and signals stop it too.
const watchdog = setTimeout(() => {
  console.log(`\nFAILED: the walkthrough took over 90 s\n${(w.product?.log ?? []).join('')}`);
  void w.stop().finally(() => process.exit(1));
}, 90_000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void w.stop().finally(() => process.exit(1)));
}

async function main(): Promise<void> {
  w.product = startProduct({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: secret,
    WRITEOFF_APPROVALS_CHANNEL: CHANNEL,
    WRITEOFF_ADMINS: ADMIN,
    WRITEOFF_DEMO: 'on',
    WRITEOFF_DB: dbPath,
    PORT: String(port),
    SLACK_API_URL: fake.url,
  });
  await waitForHealth(port);
  console.log(`npm start is up on port ${port} (database ${dbPath})`);
  const requestA = await approveRequestA(w);
  await rejectStaleAndReverse(w, requestA);

  fake.verify();
}

try {
  await main();
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
  console.log(
    `\nFAILED: ${failures.at(-1)}\n--- npm start output ---\n${(w.product?.log ?? []).join('')}`,
  );
} finally {
  clearTimeout(watchdog);
  await w.stop();
}
console.log(
  failures.length === 0
    ? '\nWalkthrough: every step behaved.'
    : `\nWalkthrough: ${failures.length} step(s) did not behave:\n- ${failures.join('\n- ')}`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
