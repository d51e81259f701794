// The policy file (docs/policy.md, docs/decisions/180-policy-file-and-versions.md): read and
// validated here, versioned by content hash in `policy_versions` and the audit log. Use-cases
// read the policy in force from the database, so the server and the CLI always agree on it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { appendAudit } from '../db/repos/audit.ts';
import {
  insertPolicyVersion,
  latestPolicyVersion,
  listPolicyVersions,
  type PolicyVersionRow,
} from '../db/repos/policy.ts';
import type { Tx } from '../db/store.ts';
import { describeAmountError, formatMoney, parseAmount } from '../domain/money.ts';
import { checkReason, type Policy, type ReasonCode, type ReasonProblem } from '../domain/policy.ts';
import { type CurrencyCode, err, ok, type Result } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { inTransaction } from './use-case-tx.ts';
import { issuePath, plainIssueMessage } from './zod-issues.ts';

const amountText = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be an amount like "1000.00" in the ledger currency');

const reasonSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits or _'),
  label: z.string().trim().min(1).max(75),
  /** From this gross amount (inclusive) evidence is required; null or absent = never. */
  evidenceFrom: amountText.nullable().default(null),
});

export const policyFileSchema = z.strictObject({
  reasons: z
    .array(reasonSchema)
    .min(1)
    .max(100)
    .refine(
      (list) => new Set(list.map((r) => r.code)).size === list.length,
      'codes must be unique',
    ),
  slaHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(48),
  splitDetection: z
    .strictObject({
      windowDays: z.number().int().min(1).max(366),
      threshold: amountText,
    })
    .default({ windowDays: 30, threshold: '5000.00' }),
  reversalNeedsSecondPerson: z.boolean().default(true),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;

/** In force when no policy file exists; the same as examples/policy.json. */
export const DEFAULT_POLICY_FILE: PolicyFile = {
  reasons: [
    { code: 'bankruptcy', label: 'Customer bankruptcy', evidenceFrom: '0.00' },
    { code: 'small_balance', label: 'Small balance', evidenceFrom: '100.00' },
    { code: 'dispute', label: 'Settled dispute', evidenceFrom: '1000.00' },
    { code: 'billing_error', label: 'Billing error', evidenceFrom: '1000.00' },
    { code: 'uncollectible', label: 'Uncollectible', evidenceFrom: '1000.00' },
  ],
  slaHours: 48,
  splitDetection: { windowDays: 30, threshold: '5000.00' },
  reversalNeedsSecondPerson: true,
};

export interface LoadedPolicy {
  readonly file: PolicyFile;
  /** The path, or `default` when no file exists. */
  readonly source: string;
  readonly contentHash: string;
  readonly version: string;
}

/** WRITEOFF_POLICY when set, else `policy.json` / `policy.yml` next to the database. */
export function policyPathFor(databasePath: string, override: string | undefined): string | null {
  if (override !== undefined) return override;
  const dir = dirname(databasePath);
  const found = ['policy.json', 'policy.yml', 'policy.yaml']
    .map((name) => join(dir, name))
    .find((path) => existsSync(path));
  return found ?? null;
}

export function parsePolicyText(text: string, path: string): Result<PolicyFile, string[]> {
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const what = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return err([
      `policy file ${path}: not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${what}`,
    ]);
  }
  const parsed = policyFileSchema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map(
      (issue) =>
        `policy file ${path}: ${issue.path.length > 0 ? `${issuePath('', issue.path)}: ` : ''}${plainIssueMessage(issue)}`,
    ),
  );
}

/** Reads the file at `path`, or the default policy when `path` is null. */
export function loadPolicy(path: string | null): Result<LoadedPolicy, string[]> {
  if (path === null) return ok(withHash(DEFAULT_POLICY_FILE, 'default'));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return err([`policy file ${path}: cannot be read (does it exist?)`]);
  }
  const parsed = parsePolicyText(text, path);
  return parsed.ok ? ok(withHash(parsed.value, path)) : parsed;
}

function withHash(file: PolicyFile, source: string): LoadedPolicy {
  // Hash the validated content, not the bytes: reformatting or YAML vs JSON is not a new policy.
  const contentHash = createHash('sha256').update(JSON.stringify(file)).digest('hex');
  return { file, source, contentHash, version: `p${contentHash.slice(0, 12)}` };
}

export interface RecordedPolicy {
  readonly version: string;
  /** True when this load made a new version (the content differs from the one in force). */
  readonly changed: boolean;
}

/** Records `loaded` as the policy in force when it differs from the last one loaded. */
export function recordPolicy(deps: AppDeps, loaded: LoadedPolicy): RecordedPolicy {
  const result = inTransaction(deps, (tx, nowMs) => ok(recordInTx(tx, loaded, nowMs)));
  if (!result.ok) throw new Error('recording the policy cannot fail');
  return result.value;
}

function recordInTx(tx: Tx, loaded: LoadedPolicy, nowMs: number): RecordedPolicy {
  const previous = latestPolicyVersion(tx);
  if (previous?.contentHash === loaded.contentHash) {
    return { version: loaded.version, changed: false };
  }
  insertPolicyVersion(tx, {
    version: loaded.version,
    contentHash: loaded.contentHash,
    contentJson: JSON.stringify(loaded.file),
    source: loaded.source,
    loadedAtMs: nowMs,
  });
  appendAudit(tx, {
    atMs: nowMs,
    actor: 'system:policy',
    action: 'policy_loaded',
    details: {
      version: loaded.version,
      contentHash: loaded.contentHash,
      source: loaded.source,
      previousVersion: previous?.version ?? null,
    },
  });
  return { version: loaded.version, changed: true };
}

/** The policy in force inside a use-case transaction; the default one is recorded on first use. */
export function policyInForce(tx: Tx, nowMs: number): { version: string; file: PolicyFile } {
  const row = latestPolicyVersion(tx);
  if (row !== null) {
    return { version: row.version, file: policyFileSchema.parse(JSON.parse(row.contentJson)) };
  }
  const loaded = withHash(DEFAULT_POLICY_FILE, 'default');
  recordInTx(tx, loaded, nowMs);
  return { version: loaded.version, file: loaded.file };
}

/** The policy with its amounts in minor units of the ledger currency. */
export function resolvePolicy(file: PolicyFile, currency: CurrencyCode): Result<Policy, string[]> {
  const problems: string[] = [];
  const minor = (text: string, where: string): number => {
    const parsed = parseAmount(text, currency);
    if (parsed.ok) return parsed.value;
    problems.push(`policy ${where}: ${describeAmountError(parsed.error)}`);
    return 0;
  };
  const policy: Policy = {
    reasons: file.reasons.map((r, i) => ({
      code: r.code,
      label: r.label,
      evidenceFromMinor:
        r.evidenceFrom === null ? null : minor(r.evidenceFrom, `reasons[${i}].evidenceFrom`),
    })),
    slaHours: file.slaHours,
    splitDetection: {
      windowDays: file.splitDetection.windowDays,
      thresholdMinor: minor(file.splitDetection.threshold, 'splitDetection.threshold'),
    },
    reversalNeedsSecondPerson: file.reversalNeedsSecondPerson,
  };
  return problems.length > 0 ? err(problems) : ok(policy);
}

/**
 * The reason codes in force with amounts in `currency`, for a form to offer; reads only (the
 * default policy when none was recorded yet, as the submit will record it).
 */
export function reasonsInForce(db: Tx, currency: CurrencyCode): readonly ReasonCode[] {
  const policy = resolvePolicy(policyFileInForce(db), currency);
  return policy.ok ? policy.value.reasons : [];
}

/**
 * What the submit would say of this reason and evidence for `grossMinor`, read before it (a
 * preview step shows it next to its input); reads only. A policy that does not resolve is
 * left to the submit, which names it.
 */
export function reasonProblemAt(
  db: Tx,
  controls: { readonly reasonCode?: string; readonly evidence?: string },
  grossMinor: number,
  currency: CurrencyCode,
): ReasonProblem | undefined {
  const policy = resolvePolicy(policyFileInForce(db), currency);
  if (!policy.ok) return undefined;
  const money = (minor: number) => formatMoney(minor, currency);
  return checkReason(policy.value, controls.reasonCode, controls.evidence, grossMinor, money);
}

function policyFileInForce(db: Tx): PolicyFile {
  const row = latestPolicyVersion(db);
  return row === null ? DEFAULT_POLICY_FILE : policyFileSchema.parse(JSON.parse(row.contentJson));
}

/** Every version loaded so far, newest first, for `writeoff policy show`. */
export function policyHistory(deps: AppDeps): readonly PolicyVersionRow[] {
  return deps.store.read((tx) => listPolicyVersions(tx));
}
