// The decision reply shows what the approver approves — journal entry, largest items, the CSV
// detail — in a fixed number of blocks whatever the request's size.
import { describe, expect, it } from 'vitest';
import { requestCard } from '../../../src/slack/views/approval-card.ts';
import { approvalReplyMessage } from '../../../src/slack/views/approval-messages.ts';
import { expectValidMessage } from '../../support/block-kit.ts';
import { invoice, viewWith } from '../../support/request-view.ts';

describe('decision reply detail', () => {
  it('copies a small request CSV into the thread, escaped', () => {
    const message = approvalReplyMessage(requestCard(viewWith([invoice(1), invoice(2)])));
    expectValidMessage(message);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Journal entry');
    expect(text).toContain('Detail (CSV, 2 lines)');
    expect(text).toContain('INV-2');
    // mrkdwn escapes data text (plain_text, as in the confirm dialogs, needs none).
    const mrkdwn = JSON.stringify(message.blocks.filter((b) => b.type === 'section'));
    expect(mrkdwn).toContain('Acme &lt;script&gt; &amp; Co');
    expect(mrkdwn).not.toContain('<script>');
  });

  it('stays within Block Kit limits for 5,000 items: the 10 largest and the CSV file', () => {
    const items = Array.from({ length: 5000 }, (_, n) => invoice(n));
    const message = approvalReplyMessage(requestCard(viewWith(items)));
    expectValidMessage(message);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('10 largest items');
    expect(text).toContain('INV-4999');
    expect(text).toContain('Detail (CSV, 5000 lines)');
    expect(text).toContain('CSV file shared in this thread');
  });
});
