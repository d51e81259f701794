// open-items: the repository for both backends (./dual.ts); the SQLite code is ../open-items.repo.ts.
import * as sqlite from '../open-items.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../open-items.repo.ts';

export const { iterateCustomerOpenItems } = dualModule('open-items', sqlite);
