// operational-figures: the repository for both backends (./dual.ts); the SQLite code is ../operational-figures.repo.ts.
import * as sqlite from '../operational-figures.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../operational-figures.repo.ts';

export const { readOperationalFigures } = dualModule('operational-figures', sqlite);
