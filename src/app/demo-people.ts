// The people of the local sandbox (docs/sandbox.md): a clerk, two approvers with different
// limits, a manager and an admin. Their ids play Slack user ids; their roles and limits are
// granted through the ordinary, audited role use-cases so the bot treats them like anyone else.
import { getApproverLimit, listRoleGrants } from '../db/repos/roles.ts';
import { DEMO_CURRENCY } from './demo-data.ts';
import type { AppDeps } from './deps.ts';
import { grantRole, setApproverLimit, type UserRole } from './roles.ts';

export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  /** What the person does, shown next to the name in the sandbox's switcher. */
  readonly title: string;
  readonly role: UserRole;
  /** Approver limit in the demo currency as decimal text; absent for non-approvers. */
  readonly limit?: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: 'U0CLERK01', name: 'Casey Clerk', title: 'A/R clerk', role: 'clerk' },
  {
    id: 'U0APPROVE1',
    name: 'Avery Approver',
    title: 'approver, limit USD 5,000.00',
    role: 'approver',
    limit: '5000.00',
  },
  {
    id: 'U0APPROVE2',
    name: 'Blake Approver',
    title: 'approver, limit USD 100,000.00',
    role: 'approver',
    limit: '100000.00',
  },
  { id: 'U0MANAGER1', name: 'Morgan Manager', title: 'A/R manager', role: 'manager' },
  { id: 'U0ADMIN01', name: 'Alex Admin', title: 'bot admin', role: 'admin' },
];

const GRANTED_BY = 'system:demo';

/**
 * Grants each demo person their role and limit unless they already hold a role or a limit, so a
 * restart neither re-audits nor undoes what an admin changed in the sandbox since. Returns the
 * ids that were given something.
 */
export function seedDemoPeople(deps: AppDeps): string[] {
  return deps.store.write((tx) => {
    const seeded: string[] = [];
    for (const person of DEMO_PEOPLE) {
      let changed = false;
      if (listRoleGrants(tx, person.id).length === 0) {
        const granted = grantRole(deps, { by: GRANTED_BY, userId: person.id, role: person.role });
        changed = granted.ok && granted.value.changed;
      }
      const hasLimit = getApproverLimit(tx, person.id, DEMO_CURRENCY) !== null;
      if (person.limit !== undefined && !hasLimit) {
        const set = setApproverLimit(deps, {
          by: GRANTED_BY,
          userId: person.id,
          currency: DEMO_CURRENCY,
          amount: person.limit,
        });
        changed = changed || set.ok;
      }
      if (changed) seeded.push(person.id);
    }
    return seeded;
  });
}
