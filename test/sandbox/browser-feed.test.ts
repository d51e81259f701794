// The sandbox in a real browser (test/support/browser.ts), on a fresh workspace: an automatic run
// submitted from the command line is announced for approval, a manager subscribes to the digest
// and picks a time zone by type-ahead in the Home tab, and hostile message text renders as text.
import { describe, expect, it } from 'vitest';
import { submitAutomaticRun } from '../../src/app/submit-run.ts';
import { toCriteriaInput } from '../../src/cli/auto-command.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { TEST_REASON } from '../support/app.ts';
import {
  actAs,
  BUSY_MACHINE_MS,
  CLERK,
  hasChromium,
  MANAGER,
  page,
  running,
  sandbox,
  screenshot,
  useSandboxInBrowser,
} from '../support/browser.ts';

describe.skipIf(!hasChromium)('the sandbox in a browser', { timeout: BUSY_MACHINE_MS }, () => {
  useSandboxInBrowser('feed-');

  it('an automatic run submitted from the command line is announced for approval', async () => {
    await page.goto(`${sandbox.url}?as=${CLERK}`);
    const criteria = toCriteriaInput(
      { type: 'invoice-balance', value: '25', olderThan: '60d', period: running.today.slice(0, 7) },
      running.today,
    );
    const now = () => new Date();
    const submitted = submitAutomaticRun(
      { store: sqliteStore(running.database), now },
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

  it('a manager subscribes and picks a time zone by type-ahead in the Home tab', async () => {
    await actAs(MANAGER);
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
