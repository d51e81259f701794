// ledger-state: the repository for both backends (./dual.ts); the SQLite code is ../ledger-state.repo.ts.
import * as sqlite from '../ledger-state.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../ledger-state.repo.ts';

export const { ledgerIsEmpty, probeWrite } = dualModule('ledger-state', sqlite);
