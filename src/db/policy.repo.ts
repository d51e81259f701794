// The policy versions the product has run under (append-only by convention: a changed policy is
// a new row, never an edit).
import { desc, eq } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';
import { policyVersions } from './schema.ts';

export interface PolicyVersionRow {
  readonly id: number;
  readonly version: string;
  readonly contentHash: string;
  readonly contentJson: string;
  readonly source: string;
  readonly loadedAtMs: number;
}

/** The policy in force: the last one loaded; null before the first load. */
export function latestPolicyVersion(tx: Tx): PolicyVersionRow | null {
  return (
    sessionOf(tx).select().from(policyVersions).orderBy(desc(policyVersions.id)).limit(1).get() ??
    null
  );
}

export function listPolicyVersions(tx: Tx): PolicyVersionRow[] {
  return sessionOf(tx).select().from(policyVersions).orderBy(desc(policyVersions.id)).all();
}

export function insertPolicyVersion(tx: Tx, row: Omit<PolicyVersionRow, 'id'>): void {
  sessionOf(tx).insert(policyVersions).values(row).run();
}

/** The row of one version (the newest load of it), or null when it was never loaded. */
export function getPolicyVersion(tx: Tx, version: string): PolicyVersionRow | null {
  return (
    sessionOf(tx)
      .select()
      .from(policyVersions)
      .where(eq(policyVersions.version, version))
      .orderBy(desc(policyVersions.id))
      .limit(1)
      .get() ?? null
  );
}
