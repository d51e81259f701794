// split: the repository for both backends (./dual.ts); the SQLite code is ../split.repo.ts.
import * as sqlite from '../split.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../split.repo.ts';

export const { listSplitCandidates, updateSplitJson } = dualModule('split', sqlite);
