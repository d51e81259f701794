// The walkthrough's second chapter: request B is rejected with a reason; request C holds its
// invoice, shows on the approver's Home tab, goes stale when a changed A/R file is imported, and
// comes back as a fresh preview; A is reversed; the period is exported (CLI).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoArFile } from '../src/app/demo-data.ts';
import { todayIn } from '../src/app/today.ts';
import { formatAmount, formatMoney, parseAmount } from '../src/domain/money.ts';
import { manualIds as form, ids } from '../src/slack/ids.ts';
import { appHomeOpened, blockAction } from '../test/support/slack-request.ts';
import { APPROVER, CLERK, CUSTOMER, type Posted } from './walkthrough-people.ts';
import { indent, waitFor } from './walkthrough-process.ts';
import type { Walkthrough } from './walkthrough-session.ts';
import { chosen, sendTo } from './walkthrough-support.ts';

/** Requests B and C after A was posted, then A's reversal and the period's export. */
export async function rejectStaleAndReverse(w: Walkthrough, requestA: Posted): Promise<void> {
  const { fake, eventsUrl, secret, check, step, transcript, cli } = w;
  const { openForm, freshInvoice, requestFor, pressForModal, reasonSubmit, dmTo, press } = w.people;
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
  const changedDue = changedArFile(w.work, requestC.invoice);
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
}

function changedArFile(work: string, invoice: string): { path: string; text: string } {
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
