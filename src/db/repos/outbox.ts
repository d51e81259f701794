// outbox: the repository for both backends (./dual.ts); the SQLite code is ../outbox.repo.ts.
import * as sqlite from '../outbox.repo.ts';
import { dual } from './dual.ts';

export type * from '../outbox.repo.ts';
// Pure: the same on both backends.
export { toOutboxMessage } from '../outbox.repo.ts';

export const enqueueOutbox = dual('outbox', 'enqueueOutbox', sqlite.enqueueOutbox);
export const listDueOutbox = dual('outbox', 'listDueOutbox', sqlite.listDueOutbox);
export const setOutboxPayload = dual('outbox', 'setOutboxPayload', sqlite.setOutboxPayload);
