// audit: the repository for both backends (./dual.ts); the SQLite code is ../audit.repo.ts.
import * as sqlite from '../audit.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../audit.repo.ts';

export const { appendAudit, listAuditForRequest } = dualModule('audit', sqlite);
