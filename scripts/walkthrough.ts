// A person's walk through the Slack flows against the REAL process (`npm start`, HTTP mode), with
// a fake Slack Web API on 127.0.0.1 standing in for Slack. It prints what each person would see
// and exits non-zero when a step does not behave. Run: `npm run walkthrough` (about 30 s).
//
// Cast: clerk U0CLERK, approver U0APPROVER (granted by the admin through the CLI), admin U0ADMIN.
// Story: request A (Entry, one invoice in full + one partial) is approved and posted; request B is
// rejected with a reason; request C goes stale when a changed A/R file is imported, and its
// approval is refused; A is reversed; the period's journal is exported.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoArFile } from '../src/app/demo-data.ts';
import { todayIn } from '../src/app/today.ts';
import { formatAmount, formatMoney, parseAmount } from '../src/domain/money.ts';
import { manualIds as form, ids } from '../src/slack/ids.ts';
import { type RecordedCall, startFakeSlackApi } from '../test/support/fake-slack-api.ts';
import { defaultHandlers } from '../test/support/fake-slack-methods.ts';
import {
  appHomeOpened,
  blockAction,
  blockSuggestion,
  type SlackRequest,
  slashCommand,
  viewSubmission,
} from '../test/support/slack-request.ts';
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
  driveModal,
  type Modal,
  sendTo,
  ticked,
  typedText,
  VISIBLE,
} from './walkthrough-support.ts';

const CLERK = 'U0CLERK';
const APPROVER = 'U0APPROVER';
const ADMIN = 'U0ADMIN';
const CHANNEL = 'C0APPROVALS';
const CUSTOMER = 'C100';

const failures: string[] = [];

function check(condition: boolean, what: string): void {
  console.log(`    ${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures.push(what);
}

// ---- the fake Slack, remembering the ts of every message it posts -----------------------------
const ownHandlers = defaultHandlers();
const posted: { channel: string; ts: string; threadTs: string | undefined; call: Json }[] = [];
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
  cli(['roles', 'grant', APPROVER, 'approver']);
  cli(['roles', 'limit', APPROVER, 'USD', '5000.00']);

  step(`The approver clicks Approve on ${requestA.id}`);
  await press(ids.approval.approveAction, requestA, APPROVER);
  await waitFor(() => (fake.calls('chat.update').length >= 2 ? true : undefined));
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
  const home = await waitFor(() => fake.calls('views.publish')[homes]);
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
  const imported = cli(['import', changedDue.path]);
  check(imported.includes(requestC.id), `the import reports ${requestC.id} as stale`);

  step(`The approver clicks Approve on ${requestC.id}`);
  await press(ids.approval.approveAction, requestC, APPROVER);
  const dmC = await dmTo(CLERK, 'balances changed');
  transcript();
  check(dmC !== undefined, 'the clerk is told by DM to open a fresh preview');
  check(!cli(['export', '--period', requestA.period]).includes(requestC.id), 'C was not posted');

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
  const refreshed = await waitFor(() => fake.calls('views.update')[opens]);
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
  const csv = cli(['export', '--period', requestA.period, '--format', 'csv']);
  console.log(indent(csv));
  check(
    /,write_off,/.test(csv) && /,reversal,/.test(csv),
    'the export has the entry and its mirror',
  );
  const json = JSON.parse(cli(['export', '--period', requestA.period, '--format', 'json']));
  check(JSON.stringify(json).includes(requestA.id), 'the JSON export names the request');
  console.log(indent(cli(['requests'])));
  console.log(indent(cli(['audit', '--request', requestA.id])));

  fake.verify();
}

// ---- steps ------------------------------------------------------------------------------------

interface Posted {
  readonly id: string;
  readonly channel: string;
  readonly parentTs: string;
  readonly replyTs: string;
  readonly period: string;
  readonly invoice: string;
}

async function openForm(userId: string): Promise<Modal> {
  const before = fake.calls('views.update').length;
  await sendTo(eventsUrl, secret, slashCommand({ userId, channelId: 'C0GENERAL' }));
  const updates = await fake.waitForCalls('views.update', before + 1);
  const last = updates.at(-1)?.args as Json;
  transcript();
  const send = (r: SlackRequest) => sendTo(eventsUrl, secret, r);
  return driveModal(fake, send, userId, last.view as Json, String(last.view_id));
}

/** Invoice numbers of the rows on screen whose open balance is positive and under $1,000. */
function openInvoicesOnScreen(modal: Modal): string[] {
  const rows = ((modal.view().blocks as Json[]) ?? []).filter((b) =>
    /^wo_row\|\d+\|select\|/.test(String(b.block_id)),
  );
  return rows
    .filter((row) => {
      const text = JSON.stringify(row);
      const open = /(?<![−-])\$([\d,]+\.\d\d)/.exec(text)?.[1]?.replaceAll(',', '');
      return open !== undefined && Number(open) > 1 && Number(open) < 1000;
    })
    .map((row) => String(row.block_id).split('|')[3] ?? '');
}

const used = new Set<string>();
/** The first small invoice on screen that no earlier request of the walkthrough touched. */
function freshInvoice(modal: Modal): string {
  const invoice = openInvoicesOnScreen(modal).find((n) => !used.has(n));
  if (invoice === undefined) throw new Error('no unused small invoice on the first page');
  used.add(invoice);
  return invoice;
}

/** Opens the form again, takes one invoice in full, previews and submits. */
async function requestFor(pick: (m: Modal) => string, comment: string): Promise<Posted> {
  const modal = await openForm(CLERK);
  modal.set(form.customerBlock, form.customerAction, chosen(CUSTOMER));
  await modal.submit();
  const invoice = pick(modal);
  modal.setRow('select', invoice, ticked(invoice));
  modal.set(form.commentBlock, form.commentAction, typedText(comment));
  await modal.submit();
  check(modal.callbackId() === form.previewCallback, `invoice ${invoice} previews`);
  return { ...(await submitPreview(modal)), invoice };
}

async function submitPreview(modal: Modal): Promise<Posted> {
  const before = posted.length;
  const ack = await modal.submit();
  check(ack?.response_action === 'clear', 'Submit closes the modal');
  const reply = await waitFor(() =>
    posted.slice(before).find((p) => p.threadTs !== undefined && p.channel === CHANNEL),
  );
  const decide = JSON.stringify(reply.call.blocks ?? []).match(/"decide:(WO-\d+)"/);
  const id = decide?.[1] ?? '';
  await dmTo(CLERK, id);
  transcript();
  check(id !== '', `a pending request ${id} is in #${CHANNEL} with Approve / Reject in the thread`);
  const parent = posted.find((p) => p.ts === reply.threadTs && p.threadTs === undefined);
  const period = /\*Period\*\\n(\d{4}-\d\d)/.exec(JSON.stringify(parent?.call ?? {}))?.[1] ?? '';
  check(period !== '', `the channel message names the period (${period})`);
  return {
    id,
    channel: CHANNEL,
    parentTs: reply.threadTs ?? '',
    replyTs: reply.ts,
    period,
    invoice: '',
  };
}

async function press(action: string, request: Posted, userId: string, triggerId = 't-1') {
  await sendTo(
    eventsUrl,
    secret,
    blockAction({
      actionId: action,
      value: request.id,
      blockId: `${ids.approval.decideBlockPrefix}:${request.id}`,
      userId,
      channelId: request.channel,
      messageTs: request.replyTs,
      threadTs: request.parentTs,
      triggerId,
    }),
  );
}

/** Clicks a button that opens a reason modal; returns the modal Slack was asked to open. */
async function pressForModal(action: string, request: Posted, userId: string) {
  const before = fake.calls('views.open').length;
  await press(action, request, userId, `trigger-${action}`);
  return waitFor(() => fake.calls('views.open')[before]);
}

async function reasonSubmit(opened: RecordedCall | undefined, userId: string, reason: string) {
  const view = opened?.args.view as Json;
  await sendTo(
    eventsUrl,
    secret,
    viewSubmission({
      callbackId: String(view.callback_id),
      privateMetadata: String(view.private_metadata ?? ''),
      userId,
      values: {
        [ids.approval.reasonBlock]: {
          [ids.approval.reasonInput]: { type: 'plain_text_input', value: reason },
        },
      },
    }),
  );
}

/** The A/R file as the ERP would send it next: one more dollar due on the invoice's line 1. */
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

async function ephemeralTo(user: string, text: string): Promise<RecordedCall | undefined> {
  const found = () =>
    [...fake.calls('chat.postEphemeral'), ...responsesAsCalls()].find(
      (c) => (c.args.user ?? user) === user && JSON.stringify(c.args).includes(text),
    );
  return waitFor(found).catch(() => undefined);
}

/** What `respond()` sent to a response_url, shaped like a call for the transcript. */
function responsesAsCalls(): RecordedCall[] {
  return fake.responses().map((r) => ({ method: 'response_url', args: r.body, token: '' }));
}

async function dmTo(user: string, text: string): Promise<RecordedCall | undefined> {
  try {
    return await waitFor(() =>
      fake
        .calls('chat.postMessage')
        .find(
          (c) =>
            (c.args.channel === user || c.args.channel === `D${user.slice(1)}`) &&
            JSON.stringify(c.args).includes(text),
        ),
    );
  } catch {
    return undefined;
  }
}

function optionText(option: Json): string {
  return String((option.text as { text?: string } | undefined)?.text ?? option.value);
}

function cli(args: string[]): string {
  const run = runCli(dbPath, args);
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
