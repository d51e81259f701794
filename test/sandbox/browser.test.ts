// The sandbox in a real browser (Debian's Chromium through playwright-core): the page plays
// Slack, the real bot runs in HTTP mode behind it, wired exactly as `npm start` wires them
// without credentials. A clerk writes off two invoices (one partially), cannot approve their own
// request, another person approves it in the thread, and the GL export shows the posting.
// Each step leaves a screenshot in test-output/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, seedDemoPeople } from '../../src/app/demo-people.ts';
import { seedDemoLedger } from '../../src/app/demo-seed.ts';
import type { Config } from '../../src/config/env.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { requestNotifications } from '../../src/jobs/outbox-worker.ts';
import { type RunningScheduler, startOutboxScheduler } from '../../src/jobs/scheduler.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start.ts';
import { databaseIsReady, type RunningSlack, startSlack } from '../../src/slack/app.ts';
import { notifierClient, slackNotifier } from '../../src/slack/notifier.ts';
import { capturingLogger } from '../support/slack-app.ts';

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

const CLERK = 'U0CLERK01';
const APPROVER = 'U0APPROVE2';

let database: Database;
let sandbox: RunningSandbox;
let bot: RunningSlack;
let scheduler: RunningScheduler;
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

describe.skipIf(!hasChromium)('the sandbox in a browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    database = openTestDatabase();
    const now = () => new Date();
    const seeded = seedDemoLedger(database, now());
    if (!seeded.ok) throw new Error('demo data did not import');
    seedDemoPeople({ database, now });
    const config: Config = {
      slack: { kind: 'none' },
      approvalsChannel: undefined,
      databasePath: ':memory:',
      port: 0,
      slackApiUrl: 'https://slack.com/api/',
      admins: [],
      timezone: undefined,
      demo: 'on',
    };
    sandbox = await startSandbox({
      config,
      database,
      people: DEMO_PEOPLE,
      isReady: () => databaseIsReady(database),
    });
    // Wired as src/main.ts wires it: the bot in HTTP mode with the sandbox's configuration and
    // the notification outbox delivering through the Slack notifier.
    const botConfig = sandbox.botConfig;
    if (botConfig.slack.kind !== 'http') throw new Error('the sandbox runs the bot in HTTP mode');
    const logger = capturingLogger([]);
    const client = notifierClient(botConfig.slack.botToken, botConfig.slackApiUrl, logger);
    const notifier = slackNotifier(client, botConfig.approvalsChannel ?? '');
    const outbox = { database, notifier, logger, admins: [] };
    bot = await startSlack(
      botConfig,
      {
        database,
        now,
        approvalsChannel: botConfig.approvalsChannel ?? '',
        logger,
        admins: [],
        notifications: requestNotifications({ ...outbox, now }),
      },
      { host: '127.0.0.1' },
    );
    scheduler = startOutboxScheduler({ ...outbox, now });
    sandbox.connect(bot.port);
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
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await scheduler?.stop();
    await bot?.stop();
    await sandbox?.stop();
    database?.close();
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
  });
});

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
