// The sandbox in a real browser (Debian's Chromium through playwright-core) for the browser tests:
// the page plays Slack, the real bot runs in HTTP mode behind it, wired exactly as `npm start`
// wires them without credentials. `useSandboxInBrowser` starts both before a file's tests and
// stops them after; `page`, `sandbox` and `running` are that file's. Each step can leave a
// screenshot in test-output/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/start.ts';
import { type SandboxedBot, startSandboxedBot } from './sandbox.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = new URL('../../test-output/screenshots/', import.meta.url);
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  // CI installs the browser (.ci/run), so there a missing one is a failure, not a skip.
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run should have installed it`);
  console.warn(
    `\n*** SKIPPING the sandbox browser tests: ${CHROMIUM} is missing (apt-get install chromium) ***\n`,
  );
}

export type PlaywrightPage = import('playwright-core').Page;
type PlaywrightBrowser = import('playwright-core').Browser;
type PlaywrightLocator = import('playwright-core').Locator;

export const CLERK = 'U0CLERK01';
export const APPROVER = 'U0APPROVE2';
export const MANAGER = 'U0MANAGER1';

// Generous limits: `npm test` runs these beside the other test files on a 2-core machine.
export const BUSY_MACHINE_MS = 120_000;

// Reassigned by useSandboxInBrowser's hooks (ES module bindings, so importers see them).
export let running: SandboxedBot;
export let sandbox: RunningSandbox;
export let page: PlaywrightPage;
let browser: PlaywrightBrowser;
let shotPrefix = '';
let shot = 0;

/** Starts the sandboxed bot and the browser before the file's tests; stops both after. */
export function useSandboxInBrowser(screenshotPrefix = ''): void {
  shotPrefix = screenshotPrefix;
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
}

export async function screenshot(name: string): Promise<void> {
  shot += 1;
  const file = new URL(`${shotPrefix}${String(shot).padStart(2, '0')}-${name}.png`, SHOTS);
  await page.screenshot({ path: file.pathname, fullPage: false });
}

export async function actAs(userId: string): Promise<void> {
  await page.selectOption('#person', userId);
}

/** Every request names one of the policy's reasons, with its evidence (docs/policy.md). */
export async function giveReason(modal: PlaywrightLocator, evidence: string): Promise<void> {
  await modal.locator('[data-block-id="wo_reason"] select').selectOption('uncollectible');
  await modal
    .locator('[data-block-id="wo_evidence"] textarea, [data-block-id="wo_evidence"] input')
    .fill(evidence);
}

/** Invoice numbers of the rows on screen with a positive open balance under $1,000. */
export function openInvoices(on: PlaywrightPage): Promise<string[]> {
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
