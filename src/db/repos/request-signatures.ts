// request-signatures: the repository for both backends (./dual.ts); the SQLite code is ../request-signatures.repo.ts.
import * as sqlite from '../request-signatures.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../request-signatures.repo.ts';

export const { recordSignatures, signatureRecorded } = dualModule('request-signatures', sqlite);
