// ledger-state: the repository for both backends (./dual.ts); the SQLite code is ../ledger-state.repo.ts.
import * as sqlite from '../ledger-state.repo.ts';
import { dual } from './dual.ts';

export type * from '../ledger-state.repo.ts';

export const ledgerIsEmpty = dual('ledger-state', 'ledgerIsEmpty', sqlite.ledgerIsEmpty);
