// The delegation modal's model from what a use-case read (app/delegation.ts): company today and
// the open delegations, for the approver the modal is about.
import type { DelegationOverview } from '../../app/delegation.ts';
import type { DelegateModel } from '../views/delegate.ts';

export function delegateModel(
  overview: DelegationOverview,
  approver: string,
  notice?: string,
): DelegateModel {
  return {
    approver,
    today: overview.today,
    current: overview.current.map((d) => ({
      approver: d.approver,
      delegate: d.delegate,
      from: d.fromOn,
      until: d.untilOn,
    })),
    ...(notice === undefined ? {} : { notice }),
  };
}
