// The sandbox in a real browser (Debian's Chromium through playwright-core): the page plays
// Slack, the real bot runs in HTTP mode behind it, wired exactly as `npm start` wires them
// without credentials. A clerk writes off two invoices (one partially), cannot approve their own
// request, another person approves it in the thread, and the GL export shows the posting.
// Each step leaves a screenshot in test-output/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAutomaticRun } from '../../src/app/submit-run.ts';
import { toCriteriaInput } from '../../src/cli/auto-command.ts';
import { sqliteStore } from '../../src/db/store.ts';
import { formatIsoWeek, isoWeekOf } from '../../src/domain/digest-week.ts';
import type { RunningSandbox } from '../../src/sandbox/start.ts';
import { TEST_REASON } from '../support/app.ts';
import { type SandboxedBot, startSandboxedBot } from '../support/sandbox.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = new URL('../../test-output/screenshots/', import.meta.url);
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  // CI installs the browser (.ci/run), so there a missing one is a failure, not a skip.
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run should have installed it`);
  console.warn(
    `\n*** SKIPPING the sandbox browser tests: ${CHROMIUM} is missing (apt-get install chromium) ***\n`,
  );
}

type PlaywrightPage = import('playwright-core').Page;
type PlaywrightBrowser = import('playwright-core').Browser;
type PlaywrightLocator = import('playwright-core').Locator;

const CLERK = 'U0CLERK01';
const APPROVER = 'U0APPROVE2';
const MANAGER = 'U0MANAGER1';

let running: SandboxedBot;
let sandbox: RunningSandbox;
let browser: PlaywrightBrowser;
let page: PlaywrightPage;
let shot = 0;

async function screenshot(name: string): Promise<void> {
  shot += 1;
  const file = new URL(`${String(shot).padStart(2, '0')}-${name}.png`, SHOTS);
  await page.screenshot({ path: file.pathname, fullPage: false });
}

async function actAs(userId: string): Promise<void> {
  await page.selectOption('#person', userId);
}

// Generous limits: `npm test` runs these beside the other test files on a 2-core machine.
const BUSY_MACHINE_MS = 120_000;

describe.skipIf(!hasChromium)('the sandbox in a browser', { timeout: BUSY_MACHINE_MS }, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    running = await startSandboxedBot();
    sandbox = running.sandbox;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(20_000);
  }, BUSY_MACHINE_MS);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

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

  it('an automatic run submitted from the command line is announced for approval', async () => {
    const criteria = toCriteriaInput(
      { type: 'invoice-balance', value: '25', olderThan: '60d', period: running.today.slice(0, 7) },
      running.today,
    );
    const now = () => new Date();
    const submitted = submitAutomaticRun(
      { database: running.database, store: sqliteStore(running.database), now },
      criteria,
      CLERK,
      undefined,
      TEST_REASON,
    );
    expect(submitted.ok).toBe(true);
    await page.getByRole('button', { name: '# writeoff-approvals' }).click();
    await expect.poll(() => page.locator('#feed').textContent()).toContain('Automatic');
    await page.locator('.feed .replies').last().click();
    await screenshot('automatic-run-for-approval');
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

  it('a manager subscribes and picks a time zone by type-ahead in the Home tab', async () => {
    await page.getByRole('button', { name: '# ar-team' }).click();
    await page.fill('#message', '/writeoff digest on');
    await page.press('#message', 'Enter');
    await expect.poll(() => page.locator('#feed').textContent()).toContain('Weekly digest on');
    await page.getByRole('button', { name: 'writeoff · Home' }).click();
    const feed = page.locator('#feed');
    await expect.poll(() => feed.textContent()).toContain('Weekly digest');
    const zone = feed.locator('input[data-action-id="home_digest_timezone"]');
    await zone.fill('');
    await zone.pressSequentially('berlin');
    await feed.locator('.combo-option', { hasText: 'Europe/Berlin' }).click();
    await expect.poll(() => feed.textContent()).toContain('Mondays at 08:00 (Europe/Berlin)');
    await screenshot('manager-home-digest-zone');
  });

  it('renders hostile message text as text: no markup, no script, only safe links', async () => {
    const hostile = [
      '*bold* _italic_ `code` <@U0CLERK01> <#C0APPROVALS> <!date^1767225600^{date_short}|a date>',
      '<img src=x onerror="window.__pwned=1"> &lt;script&gt;window.__pwned=2&lt;/script&gt;',
      '<javascript:window.__pwned=3|bad link> <https://example.com/ok|good link>',
    ].join('\n');
    sandbox.workspace.postMessage({
      channel: 'C0ARTEAM',
      ts: '1767225999.000001',
      user: 'U0FAKEBOT',
      text: hostile,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: hostile } }],
    });
    await page.getByRole('button', { name: '# ar-team' }).click();
    const message = page.locator('.message[data-ts="1767225999.000001"] .blocks');
    await message.waitFor();
    await screenshot('hostile-text-as-text');
    expect(await message.locator('img, script, iframe').count()).toBe(0);
    expect(await message.locator('strong').first().textContent()).toBe('bold');
    expect(await message.locator('em').first().textContent()).toBe('italic');
    expect(await message.locator('code').first().textContent()).toBe('code');
    expect(await message.locator('.mention').allTextContents()).toEqual([
      '@Casey Clerk',
      '#writeoff-approvals',
    ]);
    const links = await message
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['https://example.com/ok']);
    expect(await message.textContent()).toContain('<script>window.__pwned=2</script>');
    expect(await message.textContent()).toContain('<img src=x onerror=');
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

/** Every request names one of the policy's reasons, with its evidence (docs/policy.md). */
async function giveReason(modal: PlaywrightLocator, evidence: string): Promise<void> {
  await modal.locator('[data-block-id="wo_reason"] select').selectOption('uncollectible');
  await modal
    .locator('[data-block-id="wo_evidence"] textarea, [data-block-id="wo_evidence"] input')
    .fill(evidence);
}

/** Invoice numbers of the rows on screen with a positive open balance under $1,000. */
function openInvoices(on: PlaywrightPage): Promise<string[]> {
  return on.$$eval('[data-block-id*="|select|"]', (blocks) =>
    blocks
      .filter((block) => {
        const open = /(?<![−-])\$([\d,]+\.\d\d)/.exec(block.textContent ?? '')?.[1];
        const amount = Number((open ?? '').replaceAll(',', ''));
        return open !== undefined && amount > 1 && amount < 1000;
      })
      .map((block) => block.getAttribute('data-block-id')?.split('|')[3] ?? ''),
  );
}
