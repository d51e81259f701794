// split: the repository for both backends (./dual.ts); the SQLite code is ../split.repo.ts.
import * as sqlite from '../split.repo.ts';
import { dual } from './dual.ts';

export type * from '../split.repo.ts';

export const listSplitCandidates = dual('split', 'listSplitCandidates', sqlite.listSplitCandidates);
export const updateSplitJson = dual('split', 'updateSplitJson', sqlite.updateSplitJson);
