// request-slack: the repository for both backends (./dual.ts); the SQLite code is ../request-slack.repo.ts.
import * as sqlite from '../request-slack.repo.ts';
import { dual } from './dual.ts';

export type * from '../request-slack.repo.ts';

export const recordDecisionReply = dual(
  'request-slack',
  'recordDecisionReply',
  sqlite.recordDecisionReply,
);
export const recordParentMessage = dual(
  'request-slack',
  'recordParentMessage',
  sqlite.recordParentMessage,
);
