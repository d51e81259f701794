import { describe, expect, it } from 'vitest';
import { BLOCK_KIT_LIMITS } from '../../../src/slack/block-kit-limits.ts';
import { helpMessage, unknownSubcommandMessage } from '../../../src/slack/messages/help.ts';
import { expectValidMessage } from '../../support/block-kit.ts';

describe('helpMessage', () => {
  it('explains the command, the approval rule and write-off vs void', () => {
    const message = helpMessage({ approvalsChannel: 'C0APPROVALS' });
    expectValidMessage(message);
    expect(message).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "block_id": "help_header",
            "text": {
              "emoji": true,
              "text": "Write-offs",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "block_id": "help_usage",
            "text": {
              "text": "\`/writeoff\` — start a write-off: pick a customer, a fiscal period and invoices (or automatic criteria), check the preview and the journal entry, then submit it for approval.
      \`/writeoff roles\` — (admins) grant or revoke roles and set approver limits.
      \`/writeoff digest on|off\` — (managers) a weekly digest of write-offs by DM; pick its day and hour in the Home tab.
      \`/writeoff help\` — show this message.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "block_id": "help_approvals",
            "text": {
              "text": "Every request is approved in its thread in <#C0APPROVALS> by someone other than the requester; only then is it posted.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "block_id": "help_void_note",
            "elements": [
              {
                "text": "A write-off is for a valid invoice that will not be collected. To cancel an *invalid* invoice, void it in your ERP instead.",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "response_type": "ephemeral",
        "text": "/writeoff: write off uncollectible receivables, approved by a second person in <#C0APPROVALS>.",
      }
    `);
  });
});

describe('unknownSubcommandMessage', () => {
  it('echoes the word and points to help', () => {
    const message = unknownSubcommandMessage('approve');
    expectValidMessage(message);
    expect(message.text).toBe(
      "I don't know `/writeoff approve`. Try `/writeoff help` to see what I can do.",
    );
  });

  it('keeps hostile or huge input short and inert', () => {
    const message = unknownSubcommandMessage(`<!channel>\`${'x'.repeat(5000)}`);
    expectValidMessage(message);
    expect(message.text).not.toContain('<!channel>');
    expect(message.text.length).toBeLessThan(BLOCK_KIT_LIMITS.sectionText);
  });
});
