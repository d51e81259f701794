// The digest DM stays within Block Kit's limits whatever the week holds: an extreme week with
// thousands of write-offs, customers and pending requests, and names full of mrkdwn.
import { describe, expect, it } from 'vitest';
import {
  buildDigest,
  type DigestFacts,
  type PostedItemFact,
  type PostedRequestFact,
} from '../../../src/domain/digest.ts';
import { parseIsoWeek } from '../../../src/domain/digest-week.ts';
import { digestMessage } from '../../../src/slack/views/digest-message.ts';
import { expectValidMessage } from '../../support/block-kit.ts';
import { empty } from '../../support/digest-facts.ts';

const week = parseIsoWeek('2026-W49');
if (!week.ok) throw new Error(week.error);
const monday = Date.parse('2026-11-30T12:00:00Z');

function extremeWeek(): DigestFacts {
  const posted: PostedRequestFact[] = [];
  const items: PostedItemFact[] = [];
  for (let r = 0; r < 3000; r += 1) {
    const requestId = `WO-${String(r + 1).padStart(6, '0')}`;
    posted.push({
      requestId,
      requester: `U0CLERK${r % 400}`,
      reasonCode: `reason-${r % 60}`,
      totalMinor: 0,
      postedAtMs: monday + r * 60_000,
      writeOffOn: '2026-12-01',
    });
    for (let i = 0; i < 3; i += 1) {
      items.push({
        requestId,
        customerId: `C${r % 2000}`,
        customerName: `<Evil> *Bold* _Co_ & ${'x'.repeat(200)} ${r}`,
        invoice: `INV-${r}-${i}`,
        onAccount: null,
        itemOn: '2025-06-01',
        amountMinor: 99_999_99 + r,
      });
    }
  }
  for (const p of posted) {
    Object.assign(p, {
      totalMinor: items
        .filter((i) => i.requestId === p.requestId)
        .reduce((s, i) => s + i.amountMinor, 0),
    });
  }
  const submitted = Array.from({ length: 1500 }, (_, n) => ({
    requestId: `WO-9${String(n).padStart(5, '0')}`,
    totalMinor: 1_000_00,
    submittedAtMs: monday - n * 60_000,
    leftPendingAtMs: null,
    thread: { channel: 'C0APPROVALS', ts: `1764800000.${String(n).padStart(6, '0')}` },
  }));
  return { currency: 'USD', posted, items, reversals: [], submitted, decisions: [] };
}

describe('digestMessage', () => {
  it('passes the Block Kit checker on an extreme week, far under 50 blocks', () => {
    const digest = buildDigest(
      { week: week.value, timezone: 'America/Los_Angeles' },
      extremeWeek(),
    );
    expect(digest.posted.requests).toBe(3000);
    const links = new Map(
      digest.pendingPastSla.map((p) => [p.request, `https://x.slack.com/archives/C/p${p.request}`]),
    );
    const message = digestMessage(digest, links);
    expectValidMessage(message);
    expect(message.blocks.length).toBeLessThan(50);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('…and 1490 more');
    expect(text).toContain('&lt;Evil&gt;');
    expect(text).not.toContain('<Evil>');
  });

  it('an empty week says so instead of leaving lists empty', () => {
    const message = digestMessage(buildDigest({ week: week.value, timezone: 'UTC' }, empty));
    expectValidMessage(message);
    expect(message.text).toBe('Write-off digest 2026-W49: posted $0.00, net $0.00');
  });
});
