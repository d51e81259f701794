// drafts: the repository for both backends (./dual.ts); the SQLite code is ../drafts.repo.ts.
import * as sqlite from '../drafts.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../drafts.repo.ts';

export const {
  deleteDraftRow,
  deleteDraftsBeyond,
  deleteDraftsOlderThan,
  getDraftRow,
  insertDraft,
  insertDraftAfterSweep,
  updateDraftRow,
} = dualModule('drafts', sqlite);
