// outbox: the repository for both backends (./dual.ts); the SQLite code is ../outbox.repo.ts.
import * as sqlite from '../outbox.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../outbox.repo.ts';

export const { enqueueOutbox, listDueOutbox, setOutboxPayload, toOutboxMessage } = dualModule(
  'outbox',
  sqlite,
);
