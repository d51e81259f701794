// One user cannot pile up drafts: each user keeps at most MAX_OPEN_DRAFTS_PER_USER; starting
// another replaces that user's least recently touched one. Other users' drafts are untouched.
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.ts';
import { loadDraft, MAX_OPEN_DRAFTS_PER_USER, startManualDraft } from '../../src/app/drafts.ts';
import { sqlValue } from '../support/backend.ts';
import { createImportedStore, NOW_MS } from '../support/db.ts';

function start(deps: AppDeps, userId: string): string {
  const started = startManualDraft(deps, { userId, channelId: 'C1' });
  if (!started.ok) throw new Error('no ledger');
  return started.value.draftId;
}

const draftsOf = (deps: AppDeps, userId: string) =>
  sqlValue(deps.store, 'SELECT count(*) FROM drafts WHERE user_id = ?', userId);

describe('open drafts per user', () => {
  it('are capped: the next draft replaces the least recently touched one', () => {
    let nowMs = NOW_MS;
    const deps: AppDeps = { store: createImportedStore(), now: () => new Date(nowMs) };
    const other = start(deps, 'U2');
    const ids: string[] = [];
    for (let i = 0; i < MAX_OPEN_DRAFTS_PER_USER + 5; i += 1) {
      nowMs += 1000;
      ids.push(start(deps, 'U1'));
    }
    expect(draftsOf(deps, 'U1')).toBe(MAX_OPEN_DRAFTS_PER_USER);
    // The five oldest went; the newest twenty are all there.
    for (const id of ids.slice(0, 5)) expect(loadDraft(deps, id, 'U1')).toBeNull();
    for (const id of ids.slice(5)) expect(loadDraft(deps, id, 'U1')).not.toBeNull();
    expect(loadDraft(deps, other, 'U2')).not.toBeNull();
  });

  it('1,001 drafts in a row leave the user with the cap, not 1,001 rows', () => {
    const deps: AppDeps = { store: createImportedStore(), now: () => new Date(NOW_MS) };
    for (let i = 0; i < 1001; i += 1) start(deps, 'U1');
    expect(draftsOf(deps, 'U1')).toBe(MAX_OPEN_DRAFTS_PER_USER);
  });
});
