// drafts: the repository for both backends (./dual.ts); the SQLite code is ../drafts.repo.ts.
import * as sqlite from '../drafts.repo.ts';
import { dual } from './dual.ts';

export type * from '../drafts.repo.ts';

export const deleteDraftRow = dual('drafts', 'deleteDraftRow', sqlite.deleteDraftRow);
export const deleteDraftsBeyond = dual('drafts', 'deleteDraftsBeyond', sqlite.deleteDraftsBeyond);
export const deleteDraftsOlderThan = dual(
  'drafts',
  'deleteDraftsOlderThan',
  sqlite.deleteDraftsOlderThan,
);
export const getDraftRow = dual('drafts', 'getDraftRow', sqlite.getDraftRow);
export const insertDraft = dual('drafts', 'insertDraft', sqlite.insertDraft);
export const updateDraftRow = dual('drafts', 'updateDraftRow', sqlite.updateDraftRow);
