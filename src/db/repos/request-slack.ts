// request-slack: the repository for both backends (./dual.ts); the SQLite code is ../request-slack.repo.ts.
import * as sqlite from '../request-slack.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../request-slack.repo.ts';

export const { recordDecisionReply, recordParentMessage } = dualModule('request-slack', sqlite);
