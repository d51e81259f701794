// The sandbox in a real browser (test/support/browser.ts): a clerk writes off two invoices (one
// partially), cannot approve their own request, another person approves it in the thread, and the
// GL export shows the posting; a second request is rejected with a reason; the clerk's Home tab
// and DM show the posting, and a manager reads the week's digest. The tests run in order, each
// continuing where the last one left the page. More in browser-feed.test.ts.
import { describe, expect, it } from 'vitest';
import { formatIsoWeek, isoWeekOf } from '../../src/domain/digest-week.ts';
import {
  APPROVER,
  actAs,
  BUSY_MACHINE_MS,
  CLERK,
  giveReason,
  hasChromium,
  MANAGER,
  openInvoices,
  page,
  running,
  sandbox,
  screenshot,
  useSandboxInBrowser,
} from '../support/browser.ts';

describe.skipIf(!hasChromium)('the sandbox in a browser', { timeout: BUSY_MACHINE_MS }, () => {
  useSandboxInBrowser();

  it('a clerk writes off two invoices, one partially; the preview shows both', async () => {
    await page.goto(`${sandbox.url}?as=${CLERK}`);
    await expect.poll(() => page.locator('#title').textContent()).toBe('# ar-team');
    await screenshot('clerk-in-channel');

    await page.fill('#message', '/writeoff');
    await page.press('#message', 'Enter');
    const modal = page.locator('.modal-dialog');
    await modal.locator('[data-block-id="wo_customer"] input').waitFor();
    await modal.locator('[data-block-id="wo_customer"] input').pressSequentially('C100');
    await modal.locator('.combo-option').first().click();
    await screenshot('clerk-picks-customer');
    await modal.locator('.dialog-buttons .btn-primary').click();

    const rows = modal.locator('[data-block-id*="|select|"]');
    await rows.first().waitFor();
    const invoices = await openInvoices(page);
    expect(invoices.length).toBeGreaterThanOrEqual(2);
    const [full, partial] = invoices as [string, string];
    await modal.locator(`[data-block-id$="|select|${full}"] input[type=checkbox]`).check();
    await modal.locator(`[data-block-id$="|select|${partial}"] input[type=checkbox]`).check();
    await modal.locator(`[data-block-id$="|amount|${partial}"] input`).fill('1.00');
    await modal
      .locator('[data-block-id="wo_comment"] textarea, [data-block-id="wo_comment"] input')
      .fill('Chapter 7 bankruptcy');
    await screenshot('clerk-ticks-two-invoices');
    await modal.locator('.dialog-buttons .btn-primary').click();

    await expect.poll(() => modal.textContent()).toContain('(partial)');
    await screenshot('clerk-sees-preview');
    const text = (await modal.textContent()) ?? '';
    expect(text).toContain(full);
    expect(text).toContain(partial);
    await giveReason(modal, 'Chapter 7 bankruptcy notice, case 26-10442');
    await screenshot('clerk-gives-reason');
    await modal.locator('.dialog-buttons .btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
  });

  it('the requester’s own Approve is refused, with the reason in the thread', async () => {
    await page.getByRole('button', { name: '# writeoff-approvals' }).click();
    const replies = page.locator('.feed .replies').last();
    await replies.waitFor();
    await replies.click();
    const thread = page.locator('#thread');
    await thread.getByRole('button', { name: 'Approve' }).click();
    await page
      .locator('.confirm-dialog')
      .getByRole('button', { name: /Approve|Yes/ })
      .click();
    await expect.poll(() => thread.textContent()).toContain('second person');
    await screenshot('clerk-own-approve-refused');
    expect(await thread.locator('.ephemeral').textContent()).toContain('Only visible to you');
  });

  it('another person approves in the thread and the GL export shows the posting', async () => {
    await actAs(APPROVER);
    const thread = page.locator('#thread');
    await expect.poll(() => thread.locator('.ephemeral').count()).toBe(0);
    await thread.getByRole('button', { name: 'Approve' }).click();
    await screenshot('approver-confirms');
    await page
      .locator('.confirm-dialog')
      .getByRole('button', { name: /Approve|Yes/ })
      .click();
    await expect.poll(() => page.locator('.layout').textContent()).toContain('Posted by');
    await screenshot('approver-sees-posted');

    await page.getByRole('button', { name: 'GL export' }).click();
    const exported = page.locator('#export');
    await expect.poll(() => exported.textContent()).toContain('write_off');
    await screenshot('gl-export');
    await page.locator('#export-close').click();
  });

  it('an approver rejects a request with a reason typed in a modal', async () => {
    await actAs(CLERK);
    await page.getByRole('button', { name: '# ar-team' }).click();
    await page.fill('#message', '/writeoff');
    await page.press('#message', 'Enter');
    const modal = page.locator('.modal-dialog');
    await modal.locator('[data-block-id="wo_customer"] input').pressSequentially('C100');
    await modal.locator('.combo-option').first().click();
    await modal.locator('.dialog-buttons .btn-primary').click();
    await modal.locator('[data-block-id*="|select|"]').first().waitFor();
    const invoice = (await openInvoices(page))[2] ?? '';
    await modal.locator(`[data-block-id$="|select|${invoice}"] input[type=checkbox]`).check();
    await modal
      .locator('[data-block-id="wo_comment"] textarea, [data-block-id="wo_comment"] input')
      .fill('Disputed');
    await modal.locator('.dialog-buttons .btn-primary').click();
    await expect.poll(() => modal.textContent()).toContain('Journal entry');
    await giveReason(modal, 'Customer disputes the delivery');
    await modal.locator('.dialog-buttons .btn-primary').click();
    await modal.waitFor({ state: 'hidden' });

    await actAs('U0APPROVE1');
    await page.getByRole('button', { name: '# writeoff-approvals' }).click();
    await expect.poll(() => page.locator('.feed .replies').count()).toBe(2);
    await page.locator('.feed .replies').last().click();
    const thread = page.locator('#thread');
    await expect.poll(() => thread.textContent()).toContain('WO-000002');
    await thread.getByRole('button', { name: 'Reject' }).click();
    await page.locator('.confirm-dialog').getByRole('button', { name: 'Reject' }).click();
    await modal.locator('textarea, input').first().waitFor();
    await modal.locator('.dialog-buttons .btn-primary').click();
    await expect.poll(() => modal.textContent()).toContain('Please complete this required field.');
    await screenshot('approver-reason-required');
    await modal.locator('textarea, input').first().fill('Collections agency still working on it');
    await modal.locator('.dialog-buttons .btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    await expect.poll(() => thread.textContent()).toContain('Rejected');
    await screenshot('approver-rejected-with-reason');
  });

  it('the clerk’s Home tab and DM show the posted request', async () => {
    await actAs(CLERK);
    await page.getByRole('button', { name: 'writeoff · Home' }).click();
    await expect.poll(() => page.locator('#feed').textContent()).toContain('WO-000001');
    await screenshot('clerk-home-tab');
    await page.getByRole('button', { name: 'writeoff · Messages' }).click();
    await expect.poll(() => page.locator('#feed').textContent()).toContain('approved');
    await screenshot('clerk-dm');
  });

  it('a manager asks for this week’s digest and reads it in the DM, with its chart and CSV', async () => {
    await actAs(MANAGER);
    await page.getByRole('button', { name: '# ar-team' }).click();
    const week = formatIsoWeek(isoWeekOf(running.today));
    await page.fill('#message', `/writeoff digest now ${week}`);
    await page.press('#message', 'Enter');
    await expect.poll(() => page.locator('#feed').textContent()).toContain('is on its way');
    await page.getByRole('button', { name: 'writeoff · Messages' }).click();
    const feed = page.locator('#feed');
    await expect.poll(() => feed.textContent()).toContain(`Write-off digest ${week}`);
    await screenshot('manager-digest-dm');
    await feed.locator('.replies').last().click();
    const thread = page.locator('#thread');
    const chart = thread.locator('img.file-image');
    await chart.waitFor();
    // The PNG really loaded from the sandbox (a broken image has no natural width).
    await expect
      .poll(() => chart.evaluate((img) => (img as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    const csv = thread.locator('a.file-link');
    expect(await csv.getAttribute('download')).toBe(`write-offs-${week}.csv`);
    expect(await csv.textContent()).toContain('every posted line');
    await chart.scrollIntoViewIfNeeded();
    await screenshot('manager-digest-chart-and-csv');
  });
});
