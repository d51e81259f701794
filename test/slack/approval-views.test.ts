// The approval surfaces as pure builders: one inline snapshot per main message, then the logic
// (which buttons in which status, what each notice and refusal says) and Block Kit limits at
// the edges (long names, full App Home, many role holders).
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src/app/notification-outbox.ts';
import type { AppError } from '../../src/domain/request-errors.ts';
import { ids } from '../../src/slack/ids.ts';
import {
  type CardStatus,
  type RequestCard,
  statusLine,
} from '../../src/slack/views/approval-card.ts';
import {
  approvalParentMessage,
  approvalReplyMessage,
  decisionActions,
} from '../../src/slack/views/approval-messages.ts';
import { rejectReasonModal, reverseReasonModal } from '../../src/slack/views/approval-modals.ts';
import { directNotice, refusalText, threadNote } from '../../src/slack/views/approval-notices.ts';
import { HOME_AWAITING_MAX, HOME_MINE_MAX, homeView } from '../../src/slack/views/home.ts';
import { rolesModal } from '../../src/slack/views/roles.ts';
import { expectValidMessage, expectValidView } from '../support/block-kit.ts';

const card = (over: Partial<RequestCard> = {}): RequestCard => ({
  requestId: 'WO-000001',
  status: 'pending',
  customerText: 'Acme Builders (C100)',
  totalText: '$183.00',
  period: '2026-06',
  date: '2026-06-15',
  modeText: 'Manual (entry)',
  itemCount: 2,
  requester: 'U_CLERK',
  approver: null,
  decidedAtSec: null,
  entryId: null,
  reversalEntryId: null,
  rejectionReason: null,
  note: 'Chapter 7 bankruptcy',
  ...over,
});

const posted = card({
  status: 'posted',
  approver: 'U_APPROVER',
  decidedAtSec: 1781532000,
  entryId: 7,
});
const actionIds = (c: RequestCard) =>
  decisionActions(c)?.elements.map((e) => ('action_id' in e ? e.action_id : '')) ?? [];

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

  it.each<[CardStatus, string[]]>([
    ['pending', [ids.approval.approveAction, ids.approval.rejectAction]],
    ['posted', [ids.approval.reverseAction]],
    ['rejected', []],
    ['stale', []],
    ['cancelled', []],
    ['reversed', []],
  ])('a %s request offers %o', (status, expected) => {
    expect(actionIds(card({ status }))).toEqual(expected);
  });

  it('says who posted it, when, and the journal entry', () => {
    expect(statusLine(posted)).toBe(
      ':white_check_mark: Posted by <@U_APPROVER> on <!date^1781532000^{date_short_pretty} {time}|2026-06-15 14:00 UTC> · journal entry #7',
    );
  });

  it('stays within Block Kit limits with a very long customer name and comment', () => {
    const long = card({ customerText: 'A'.repeat(120), note: '<&>'.repeat(400) });
    expectValidMessage(approvalParentMessage(long));
    expectValidMessage(approvalReplyMessage(long));
    expectValidView(rejectReasonModal(long, '{"v":1,"requestId":"WO-000001"}'));
    expectValidView(reverseReasonModal({ ...long, status: 'posted', entryId: 1 }, '{}'));
  });
});

describe('notices', () => {
  const notices: Notice[] = [
    { kind: 'posted', entryId: 7 },
    { kind: 'rejected', reason: 'Disputed', by: 'U_APPROVER' },
    { kind: 'stale', changedItems: ['invoice 1001'] },
    { kind: 'reversed', entryId: 8, reason: 'Paid', by: 'U_BIG' },
    { kind: 'escalated', eligibleApprovers: [] },
    { kind: 'escalated', eligibleApprovers: ['U_BIG'] },
  ];

  it.each(notices)('%o fits Block Kit as a DM and as a thread note', (notice) => {
    expectValidMessage(directNotice(posted, notice));
    expectValidMessage(threadNote(posted, notice));
  });

  it('only the stale DM carries the fresh-preview button', () => {
    for (const notice of notices) {
      const hasButton = JSON.stringify(directNotice(card(), notice)).includes(
        ids.approval.refreshPreviewAction,
      );
      expect(hasButton).toBe(notice.kind === 'stale');
    }
  });
});

describe('refusals', () => {
  it.each<[AppError, string]>([
    [
      { kind: 'self_approval', requestId: 'WO-1' },
      'You requested this write-off; a second person must approve it.',
    ],
    [
      {
        kind: 'over_limit',
        action: 'approve',
        userId: 'U_A',
        currency: 'USD',
        limitMinor: 500_000,
        totalMinor: 1_240_000,
        grossMinor: 1_240_000,
        eligibleApprovers: ['U_B', 'U_C'],
      },
      'Your limit is $5,000.00; this request is $12,400.00 — approvers who can: <@U_B>, <@U_C>.',
    ],
    [
      { kind: 'already_posted', requestId: 'WO-1', entryId: 3 },
      'WO-1 is already posted (journal entry #3); nothing was changed.',
    ],
    [
      { kind: 'not_pending', requestId: 'WO-1', status: 'rejected' },
      'WO-1 is rejected, not pending; nothing was changed.',
    ],
  ])('%o', (error, text) => {
    expect(refusalText(error, 'USD')).toBe(text);
  });
});

describe('App Home and roles at capacity', () => {
  it('App Home with full lists stays under 100 blocks', () => {
    const many = (n: number, status: CardStatus) =>
      Array.from({ length: n }, (_, i) =>
        card({ requestId: `WO-${String(i).padStart(6, '0')}`, status }),
      );
    const view = homeView({
      awaiting: many(HOME_AWAITING_MAX, 'pending'),
      mine: many(HOME_MINE_MAX, 'posted'),
      moreAwaiting: true,
      failedNotifications: 3,
    });
    expectValidView(view);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('the roles modal lists hundreds of people within the section limit', () => {
    const users = Array.from({ length: 400 }, (_, i) => ({
      userId: `U${String(i).padStart(8, '0')}`,
      roles: ['approver'],
      limits: ['$1,000.00 USD'],
    }));
    expectValidView(
      rolesModal({ users, roles: ['clerk', 'approver', 'manager', 'admin'], currency: 'USD' }),
    );
  });
});
