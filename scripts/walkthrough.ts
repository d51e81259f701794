// A person's walk through the Slack flows against the REAL process (`npm start`, HTTP mode), with
// a fake Slack Web API on 127.0.0.1 standing in for Slack. It prints what each person would see
// and exits non-zero when a step does not behave. Run: `npm run walkthrough` (about 15 s).
//
// Cast: clerk U0CLERK, approver U0APPROVER (granted by the admin through the CLI), admin U0ADMIN.
// Story: request A (Entry, one invoice in full + one partial) is refused to its own requester,
// then approved and posted once (a second click posts nothing); request B is rejected with a
// reason; request C holds its invoice, shows on the approver's Home tab, goes stale when a changed
// A/R file is imported, and comes back as a fresh preview; A is reversed; the period is exported.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoArFile } from '../src/app/demo-data.ts';
import { todayIn } from '../src/app/today.ts';
import { formatAmount, formatMoney, parseAmount } from '../src/domain/money.ts';
import { type RecordedCall, startFakeSlackApi } from '../src/sandbox/fake-slack-api.ts';
import { defaultHandlers } from '../src/sandbox/fake-slack-methods.ts';
import { manualIds as form, ids } from '../src/slack/ids.ts';
import {
  appHomeOpened,
  blockAction,
  blockSuggestion,
  type SlackRequest,
} from '../test/support/slack-request.ts';
import {
  ADMIN,
  APPROVER,
  CHANNEL,
  CLERK,
  CUSTOMER,
  type PostedMessage,
  people,
} from './walkthrough-people.ts';
import {
  freePort,
  indent,
  type Product,
  runCli,
  startProduct,
  stopProduct,
  waitFor,
  waitForHealth,
} from './walkthrough-process.ts';
import {
  chosen,
  describeCall,
  type Modal,
  sendTo,
  ticked,
  typedText,
  VISIBLE,
} from './walkthrough-support.ts';

const failures: string[] = [];

function check(condition: boolean, what: string): void {
  console.log(`    ${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures.push(what);
}

// ---- the fake Slack, remembering the ts of every message it posts -----------------------------
const ownHandlers = defaultHandlers();
const posted: PostedMessage[] = [];
type Json = Record<string, unknown>;
const fake = await startFakeSlackApi({
  'chat.postMessage': (args) => {
    const reply = ownHandlers['chat.postMessage']?.(args) ?? { body: { ok: false } };
    const ts = (reply.body as { ts?: string }).ts ?? '';
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    posted.push({ channel: String(args.channel), ts, threadTs, call: args });
    return reply;
  },
});

const work = mkdtempSync(join(tmpdir(), 'writeoff-walkthrough-'));
const dbPath = join(work, 'writeoff.db');
const secret = randomBytes(16).toString('hex');
const port = await freePort();
const eventsUrl = `http://127.0.0.1:${port}${'/slack/events'}`;
let product: Product | undefined;
let seen = 0;
const {
  openForm,
  freshInvoice,
  requestFor,
  submitPreview,
  press,
  pressForModal,
  reasonSubmit,
  ephemeralTo,
  dmTo,
} = people({ fake, posted, eventsUrl, secret, check, transcript });

// A stuck step must not leave `npm start` running: the watchdog and signals stop it too.
const watchdog = setTimeout(() => {
  console.log(`\nFAILED: the walkthrough took over 90 s\n${(product?.log ?? []).join('')}`);
  void stop().finally(() => process.exit(1));
}, 90_000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stop().finally(() => process.exit(1)));
}

async function main(): Promise<void> {
  product = startProduct({
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
  const clerk = (r: SlackRequest) => sendTo(eventsUrl, secret, r);

  step('The clerk types /writeoff and picks a customer');
  const modalA = await openForm(CLERK);
  const options = await clerk(
    blockSuggestion({
      actionId: form.customerAction,
      blockId: form.customerBlock,
      value: CUSTOMER,
      callbackId: form.formCallback,
      userId: CLERK,
    }),
  );
  const found = ((options.json as { options?: Json[] }).options ?? []).map(optionText);
  console.log(`    type-ahead "${CUSTOMER}" offers: ${found.join(' | ')}`);
  check(found.length > 0, 'the customer type-ahead offers the customer');
  modalA.set(form.customerBlock, form.customerAction, chosen(CUSTOMER));
  await modalA.submit();
  transcript();
  check(modalA.callbackId() === form.invoicesCallback, 'Next shows the customer’s open invoices');

  step('The clerk ticks two invoices, lowers the second to a partial amount, previews');
  const first = freshInvoice(modalA);
  const second = freshInvoice(modalA);
  modalA.setRow('select', first, ticked(first));
  modalA.setRow('select', second, ticked(second));
  modalA.setRow('amount', second, typedText('1.00'));
  modalA.set(form.commentBlock, form.commentAction, typedText('Chapter 7 bankruptcy'));
  await modalA.submit();
  transcript(modalA);
  check(modalA.callbackId() === form.previewCallback, 'the preview is shown');
  check(modalA.text().includes('(partial)'), 'the preview marks the partial invoice');
  check(modalA.text().includes('Journal entry'), 'the preview shows the journal entry');

  step('The clerk submits');
  const requestA = await submitPreview(modalA);

  step(`The clerk tries to approve their own ${requestA.id}`);
  await press(ids.approval.approveAction, requestA, CLERK);
  const own = await ephemeralTo(CLERK, 'second person');
  transcript();
  check(own !== undefined, 'self-approval is refused, only the clerk sees why');

  step('The admin grants U0APPROVER the approver role with a USD 5,000.00 limit (CLI)');
  await cli(['roles', 'grant', APPROVER, 'approver']);
  await cli(['roles', 'limit', APPROVER, 'USD', '5000.00']);

  step(`The approver clicks Approve on ${requestA.id}`);
  await press(ids.approval.approveAction, requestA, APPROVER);
  await waitFor(
    () => (fake.calls('chat.update').length >= 2 ? true : undefined),
    'chat.update of the request message and its thread reply',
  );
  const dmA = await dmTo(CLERK, 'approved by');
  transcript();
  check(dmA !== undefined, 'the clerk is told by DM that it was approved and posted');
  check(
    fake.calls('chat.update').some((c) => JSON.stringify(c.args).includes('Posted by')),
    'the channel messages now say "Posted by"',
  );

  step(`The approver clicks Approve on ${requestA.id} a second time`);
  await press(ids.approval.approveAction, requestA, APPROVER);
  const twice = await ephemeralTo(APPROVER, 'already posted');
  transcript();
  check(twice !== undefined, 'a second click says it is already posted and posts nothing');

  step('The clerk submits request B; the approver rejects it with a reason');
  const requestB = await requestFor(freshInvoice, 'Disputed, uncollectible');
  const rejectModal = await pressForModal(ids.approval.rejectAction, requestB, APPROVER);
  await reasonSubmit(rejectModal, APPROVER, 'Collections agency still working on it');
  const dmB = await dmTo(CLERK, 'rejected by');
  transcript();
  check(
    dmB !== undefined && JSON.stringify(dmB.args).includes('Collections agency'),
    'the clerk is told by DM that B was rejected, with the reason',
  );

  step('The clerk submits request C; the ERP sends a changed A/R file (CLI import)');
  const requestC = await requestFor(freshInvoice, 'Small balance');
  const homes = fake.calls('views.publish').length;
  await sendTo(eventsUrl, secret, appHomeOpened({ userId: APPROVER }));
  const home = await waitFor(
    () => fake.calls('views.publish')[homes],
    `views.publish of ${APPROVER}'s Home tab`,
  );
  transcript();
  check(
    JSON.stringify(home.args.view).includes(requestC.id),
    `the approver's Home tab lists ${requestC.id} as awaiting approval`,
  );
  const held = await openForm(CLERK);
  held.set(form.customerBlock, form.customerAction, chosen(CUSTOMER));
  await held.submit();
  check(
    held.text().includes(`in pending request ${requestC.id}`),
    `a new request cannot select invoice ${requestC.invoice}: it names ${requestC.id}`,
  );
  const changedDue = changedArFile(requestC.invoice);
  const imported = await cli(['import', changedDue.path]);
  check(imported.includes(requestC.id), `the import reports ${requestC.id} as stale`);

  step(`The approver clicks Approve on ${requestC.id}`);
  await press(ids.approval.approveAction, requestC, APPROVER);
  const dmC = await dmTo(CLERK, 'balances changed');
  transcript();
  check(dmC !== undefined, 'the clerk is told by DM to open a fresh preview');
  const exportedA = await cli(['export', '--period', requestA.period]);
  check(!exportedA.includes(requestC.id), 'C was not posted');

  step('The clerk clicks "Open a fresh preview" in the DM');
  const opens = fake.calls('views.update').length;
  await sendTo(
    eventsUrl,
    secret,
    blockAction({
      actionId: ids.approval.refreshPreviewAction,
      value: requestC.id,
      blockId: `${ids.approval.decideBlockPrefix}:${requestC.id}`,
      userId: CLERK,
      channelId: String(dmC?.args.channel ?? CLERK),
      triggerId: 'trigger-refresh',
    }),
  );
  const refreshed = await waitFor(
    () => fake.calls('views.update')[opens],
    'views.update with the fresh preview form',
  );
  transcript();
  check(
    JSON.stringify(refreshed.args.view).includes(requestC.invoice),
    `the fresh form lists invoice ${requestC.invoice} again`,
  );
  // ADR 053: a full write-off comes back at today's full balance (here one dollar more).
  check(
    JSON.stringify(refreshed.args.view).includes(`total ${changedDue.text}`),
    `the fresh form takes ${requestC.invoice} at today's full balance ${changedDue.text}`,
  );

  step(`The approver reverses ${requestA.id}`);
  const reverseModal = await pressForModal(ids.approval.reverseAction, requestA, APPROVER);
  await reasonSubmit(reverseModal, APPROVER, 'Customer paid after all');
  const dmR = await dmTo(CLERK, 'reversed by');
  transcript();
  check(dmR !== undefined, 'the clerk is told by DM that A was reversed');

  step('The GL export of the period (CLI)');
  const csv = await cli(['export', '--period', requestA.period, '--format', 'csv']);
  console.log(indent(csv));
  check(
    /,write_off,/.test(csv) && /,reversal,/.test(csv),
    'the export has the entry and its mirror',
  );
  const json = JSON.parse(await cli(['export', '--period', requestA.period, '--format', 'json']));
  check(JSON.stringify(json).includes(requestA.id), 'the JSON export names the request');
  console.log(indent(await cli(['requests'])));
  console.log(indent(await cli(['audit', '--request', requestA.id])));

  fake.verify();
}

// ---- steps ------------------------------------------------------------------------------------

function changedArFile(invoice: string): { path: string; text: string } {
  const file = buildDemoArFile(todayIn('America/New_York', new Date()));
  const lines = file.invoices.find((i) => i.number === invoice)?.lines ?? [];
  const [line] = lines;
  if (line === undefined) throw new Error(`invoice ${invoice} is not in the demo file`);
  line.due = formatAmount(minor(line.due) + 100, 'USD');
  const path = join(work, 'ar-changed.json');
  writeFileSync(path, JSON.stringify(file));
  const openMinor = lines.reduce((sum, l) => sum + minor(l.due), 0);
  return { path, text: formatMoney(openMinor, 'USD') };
}

function minor(text: string): number {
  const parsed = parseAmount(text, 'USD');
  if (!parsed.ok) throw new Error(`${text} is not a USD amount`);
  return parsed.value;
}

// ---- plumbing ---------------------------------------------------------------------------------

function step(title: string): void {
  transcript();
  console.log(`\n== ${title}`);
}

/** Prints the Slack calls made since the last print, as the people involved would see them. */
function transcript(modal?: Modal): void {
  const calls = fake.calls().slice(seen);
  seen += calls.length;
  for (const call of calls.filter((c) => VISIBLE.has(c.method))) {
    console.log(describeCall(call).join('\n'));
  }
  if (modal !== undefined) {
    const shown: RecordedCall = { method: 'views.update', args: { view: modal.view() }, token: '' };
    console.log(describeCall(shown).join('\n').replace('views.update', 'ack: update'));
  }
}

function optionText(option: Json): string {
  return String((option.text as { text?: string } | undefined)?.text ?? option.value);
}

async function cli(args: string[]): Promise<string> {
  const run = await runCli(dbPath, args);
  console.log(`    $ writeoff ${args.join(' ')}  → exit ${run.status}`);
  if (run.stderr.trim() !== '') console.log(indent(run.stderr));
  check(run.status === 0, `writeoff ${args[0]} succeeds`);
  return run.stdout;
}

async function stop(): Promise<void> {
  await stopProduct(product);
  await fake.close();
  rmSync(work, { recursive: true, force: true });
}

try {
  await main();
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
  console.log(
    `\nFAILED: ${failures.at(-1)}\n--- npm start output ---\n${(product?.log ?? []).join('')}`,
  );
} finally {
  clearTimeout(watchdog);
  await stop();
}
console.log(
  failures.length === 0
    ? '\nWalkthrough: every step behaved.'
    : `\nWalkthrough: ${failures.length} step(s) did not behave:\n- ${failures.join('\n- ')}`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
