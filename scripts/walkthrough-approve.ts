// The walkthrough's first chapter: the clerk fills the form for request A (one invoice in full,
// one partial), previews and submits; their own Approve is refused; the admin grants the approver
// role (CLI); the approver posts A, and a second click posts nothing.
import { manualIds as form, ids } from '../src/slack/ids.ts';
import { blockSuggestion, type SlackRequest } from '../test/support/slack-request.ts';
import { APPROVER, CLERK, CUSTOMER, type Posted } from './walkthrough-people.ts';
import { waitFor } from './walkthrough-process.ts';
import type { Walkthrough } from './walkthrough-session.ts';
import { chosen, sendTo, ticked, typedText } from './walkthrough-support.ts';

type Json = Record<string, unknown>;

/** Request A from the form to its posting; returns it for the later chapters. */
export async function approveRequestA(w: Walkthrough): Promise<Posted> {
  const { fake, eventsUrl, secret, check, step, transcript, cli } = w;
  const { openForm, freshInvoice, submitPreview, press, ephemeralTo, dmTo } = w.people;
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
  return requestA;
}

function optionText(option: Json): string {
  return String((option.text as { text?: string } | undefined)?.text ?? option.value);
}
