// The approval surfaces as pure builders: the logic (which buttons in which status, what each
// notice and refusal says) and Block Kit limits at the edges (long names, full App Home, many role
// holders). The main messages' snapshots are in approval-message-snapshots.test.ts.
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
import { card, posted } from './approval-card-fixture.ts';

const actionIds = (c: RequestCard) =>
  decisionActions(c)?.elements.map((e) => ('action_id' in e ? e.action_id : '')) ?? [];

describe('request messages', () => {
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

  it('no DM carries the old "Open a fresh preview" button any more (ADR 220)', () => {
    for (const notice of notices) {
      const text = JSON.stringify(directNotice(card({ status: 'stale' }), notice));
      expect(text).not.toContain(ids.approval.refreshPreviewAction);
      expect(text).not.toContain('fresh preview');
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
