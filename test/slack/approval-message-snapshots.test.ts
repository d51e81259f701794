// The approval request's two main messages as inline snapshots: the channel parent and the
// decision reply with its confirm dialogs. The logic around them is in approval-views.test.ts.
import { describe, expect, it } from 'vitest';
import {
  approvalParentMessage,
  approvalReplyMessage,
} from '../../src/slack/views/approval-messages.ts';
import { expectValidMessage } from '../support/block-kit.ts';
import { card } from './approval-card-fixture.ts';

describe('request messages', () => {
  it('parent message (pending)', () => {
    const message = approvalParentMessage(card());
    expectValidMessage(message);
    expect(message).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "Write-off WO-000001: $183.00",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "block_id": "summary:WO-000001",
            "fields": [
              {
                "text": "*Customer*
      Acme Builders (C100)",
                "type": "mrkdwn",
              },
              {
                "text": "*Total*
      $183.00",
                "type": "mrkdwn",
              },
              {
                "text": "*Period*
      2026-06",
                "type": "mrkdwn",
              },
              {
                "text": "*Write-off date*
      2026-06-15",
                "type": "mrkdwn",
              },
              {
                "text": "*Requested by*
      <@U_CLERK>",
                "type": "mrkdwn",
              },
              {
                "text": "*Method*
      Manual (entry) · 2 items",
                "type": "mrkdwn",
              },
            ],
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Note: Chapter 7 bankruptcy",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
          {
            "block_id": "status:WO-000001",
            "elements": [
              {
                "text": "*Status:* :hourglass_flowing_sand: Pending approval",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "Write-off WO-000001: $183.00 for Acme Builders (C100), 2026-06, requested by <@U_CLERK> (pending)",
      }
    `);
  });

  it('decision reply (pending)', () => {
    const message = approvalReplyMessage(card());
    expectValidMessage(message);
    expect(message).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "block_id": "note:WO-000001",
            "text": {
              "text": "A second person must approve *WO-000001* ($183.00 for Acme Builders (C100)) before it is posted.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "block_id": "decide:WO-000001",
            "elements": [
              {
                "action_id": "writeoff_approve",
                "confirm": {
                  "confirm": {
                    "emoji": true,
                    "text": "Approve and post",
                    "type": "plain_text",
                  },
                  "deny": {
                    "emoji": true,
                    "text": "Cancel",
                    "type": "plain_text",
                  },
                  "style": "primary",
                  "text": {
                    "emoji": true,
                    "text": "Post the write-off of $183.00 for Acme Builders (C100) (WO-000001)? The journal entry is posted at once.",
                    "type": "plain_text",
                  },
                  "title": {
                    "emoji": true,
                    "text": "Approve and post?",
                    "type": "plain_text",
                  },
                },
                "style": "primary",
                "text": {
                  "emoji": true,
                  "text": "Approve",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "WO-000001",
              },
              {
                "action_id": "writeoff_reject",
                "confirm": {
                  "confirm": {
                    "emoji": true,
                    "text": "Reject",
                    "type": "plain_text",
                  },
                  "deny": {
                    "emoji": true,
                    "text": "Cancel",
                    "type": "plain_text",
                  },
                  "style": "danger",
                  "text": {
                    "emoji": true,
                    "text": "Reject the write-off of $183.00 for Acme Builders (C100) (WO-000001)? You will be asked for a reason.",
                    "type": "plain_text",
                  },
                  "title": {
                    "emoji": true,
                    "text": "Reject this write-off?",
                    "type": "plain_text",
                  },
                },
                "style": "danger",
                "text": {
                  "emoji": true,
                  "text": "Reject",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "WO-000001",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "Approve or reject WO-000001: $183.00 for Acme Builders (C100)",
      }
    `);
  });
});
