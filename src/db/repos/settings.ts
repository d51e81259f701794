// settings: the repository for both backends (./dual.ts); the SQLite code is ../settings.repo.ts.
import * as sqlite from '../settings.repo.ts';
import { dual } from './dual.ts';

export type * from '../settings.repo.ts';

export const getLedgerSettings = dual('settings', 'getLedgerSettings', sqlite.getLedgerSettings);
export const getSetting = dual('settings', 'getSetting', sqlite.getSetting);
export const putSetting = dual('settings', 'putSetting', sqlite.putSetting);
