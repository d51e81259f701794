// The policy versions on PostgreSQL, the async twin of src/db/policy.repo.ts (a changed policy
// is a new row, never an edit).
import { desc, eq } from 'drizzle-orm';
import type { PolicyVersionRow } from '../policy.repo.ts';
import { policyVersions } from './schema.ts';
import type { PgTx } from './types.ts';

export type { PolicyVersionRow };

/** The policy in force: the last one loaded; null before the first load. */
export async function latestPolicyVersion(tx: PgTx): Promise<PolicyVersionRow | null> {
  const [row] = await tx.select().from(policyVersions).orderBy(desc(policyVersions.id)).limit(1);
  return row ?? null;
}

export async function listPolicyVersions(tx: PgTx): Promise<PolicyVersionRow[]> {
  return tx.select().from(policyVersions).orderBy(desc(policyVersions.id));
}

export async function insertPolicyVersion(
  tx: PgTx,
  row: Omit<PolicyVersionRow, 'id'>,
): Promise<void> {
  await tx.insert(policyVersions).values(row);
}

/** The row of one version (the newest load of it), or null when it was never loaded. */
export async function getPolicyVersion(
  tx: PgTx,
  version: string,
): Promise<PolicyVersionRow | null> {
  const [row] = await tx
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.version, version))
    .orderBy(desc(policyVersions.id))
    .limit(1);
  return row ?? null;
}
