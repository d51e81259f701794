// audit: the repository for both backends (./dual.ts); the SQLite code is ../audit.repo.ts.
import * as sqlite from '../audit.repo.ts';
import { dual } from './dual.ts';

export type * from '../audit.repo.ts';

export const appendAudit = dual('audit', 'appendAudit', sqlite.appendAudit);
export const listAuditForRequest = dual('audit', 'listAuditForRequest', sqlite.listAuditForRequest);
