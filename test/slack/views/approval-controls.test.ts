// The approval messages say which reason and evidence a request carries, why a second person
// must approve it and with what limit, the policy version it was requested and decided under,
// and its revision trail — escaped, within Block Kit limits.
import { describe, expect, it } from 'vitest';
import type { RequestView } from '../../../src/app/request-views.ts';
import { requestCard } from '../../../src/slack/views/approval-card.ts';
import {
  approvalParentMessage,
  approvalReplyMessage,
} from '../../../src/slack/views/approval-messages.ts';
import { expectValidMessage } from '../../support/block-kit.ts';
import { invoice, viewWith } from '../../support/request-view.ts';

function withControls(controls: Partial<RequestView['controls']>, grossMinor = 500_000) {
  const base = viewWith([invoice(1)]);
  return {
    ...base,
    grossMinor,
    totalMinor: grossMinor,
    controls: { ...base.controls, ...controls },
  };
}

const textOf = (view: RequestView) => {
  const card = requestCard(view);
  const parent = approvalParentMessage(card);
  const reply = approvalReplyMessage(card);
  expectValidMessage(parent);
  expectValidMessage(reply);
  return { parent: JSON.stringify(parent.blocks), reply: JSON.stringify(reply.blocks) };
};

describe('approval message controls', () => {
  it('shows the reason label and code, the evidence (escaped), why, and the policy version', () => {
    const { parent, reply } = textOf(
      withControls({
        reasonCode: 'dispute',
        reasonLabel: 'Settled dispute',
        evidence: 'https://docs.example/settlement <signed> & filed',
        evidenceFromMinor: 100_000,
        policyVersion: 'p0123456789ab',
      }),
    );
    for (const text of [parent, reply]) {
      expect(text).toContain('Settled dispute (dispute)');
      expect(text).toContain('https://docs.example/settlement &lt;signed&gt; &amp; filed');
      expect(text).toContain('required from $1,000.00');
      expect(text).toContain('$5,000.00 needs an approver with a limit of at least $5,000.00');
      expect(text).toContain('requested under p0123456789ab');
    }
  });

  it('says when evidence was not required, and shows none for a request from before codes', () => {
    const below = textOf(withControls({ evidenceFromMinor: 1_000_000 })).parent;
    expect(below).toContain('not required below $10,000.00');
    const old = textOf(
      withControls({ reasonCode: null, reasonLabel: null, evidenceFromMinor: null }),
    );
    expect(old.parent).toContain('*Reason*\\nnone');
    expect(old.parent).toContain('_none given_');
  });

  it('names the decision-time policy version when it differs', () => {
    const same = textOf(withControls({ policyVersion: 'pa', decidedPolicyVersion: 'pa' })).parent;
    expect(same).toContain('decided under the same version');
    const other = textOf(withControls({ policyVersion: 'pa', decidedPolicyVersion: 'pb' })).parent;
    expect(other).toContain('requested under pa, decided under pb');
  });

  it('shows the revision trail, oldest first, and what a request was resubmitted as', () => {
    const view = withControls({ revises: ['WO-000041', 'WO-000040'], revisedBy: 'WO-000043' });
    const { parent, reply } = textOf(view);
    expect(parent).toContain('*Revises:* WO-000041 (trail: WO-000040 → WO-000041 → WO-000042)');
    expect(reply).toContain('*Resubmitted as:* WO-000043');
  });

  it('cuts a very long evidence note to stay inside a field', () => {
    const { parent } = textOf(withControls({ evidence: 'x'.repeat(5000) }));
    expect(parent).toContain('…');
    expect(parent).not.toContain('x'.repeat(501));
  });
});
