// settings: the repository for both backends (./dual.ts); the SQLite code is ../settings.repo.ts.
import * as sqlite from '../settings.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../settings.repo.ts';

export const { getLedgerSettings, getSetting, putSetting } = dualModule('settings', sqlite);
