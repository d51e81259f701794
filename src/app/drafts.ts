// The manual write-off form as a draft in SQLite (ADR 040): the Slack modal keeps only the
// draft id, every step reads and writes the draft here. A draft belongs to the user who opened
// it; someone else's id reads as "not found". The payload is parsed with zod on every read,
// because it crossed a storage boundary.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { listOpenPeriods } from '../db/repos/accounts.ts';
import { type CustomerHit, getCustomer, searchCustomers } from '../db/repos/customers.ts';
import {
  deleteDraftRow,
  getDraftRow,
  insertDraftAfterSweep,
  updateDraftRow,
} from '../db/repos/drafts.ts';
import { getLedgerSettings, type LedgerSettings } from '../db/repos/settings.ts';
import type { Tx } from '../db/store.ts';
import { isIsoDate } from '../domain/dates.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { Customer, IsoDate, Period, Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { todayIn } from './today.ts';

export type { CustomerHit } from '../db/repos/customers.ts';

/** Drafts untouched for a week are abandoned modals; they are swept when a new one starts. */
export const DRAFT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Nobody works on more forms at once; a new draft beyond this replaces the user's least
 * recently touched one, so one user cannot fill the database with drafts (ADR 123).
 */
export const MAX_OPEN_DRAFTS_PER_USER = 20;

const choiceSchema = z.object({
  selected: z.boolean().optional(),
  amount: z.string().optional(),
  account: z.string().optional(),
  comment: z.string().optional(),
});

const draftSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  channelId: z.string(),
  step: z.enum(['form', 'invoices', 'preview']),
  customerId: z.string().nullable(),
  period: z.string().nullable(),
  date: z.string().nullable(),
  method: z.enum(['entry', 'line-item']),
  account: z.string().nullable(),
  comment: z.string().nullable(),
  selectAll: z.boolean(),
  choices: z.record(z.string(), choiceSchema),
  page: z.number().int().nonnegative(),
  rev: z.number().int().nonnegative(),
  previewHash: z.string().nullable(),
  /** The Slack modal the draft was opened in; actions naming any other view are refused. */
  viewId: z.string().optional(),
  /** A code of the policy's reasons (docs/policy.md) and the evidence link or note. */
  reasonCode: z.string().nullable().optional(),
  evidence: z.string().nullable().optional(),
  /** "Edit and resubmit": the rejected or stale request this draft resubmits. */
  revises: z.string().optional(),
  snapshot: z
    .object({
      invoices: z.record(z.string(), z.number()),
      onAccount: z.record(z.string(), z.number()),
    })
    .nullable(),
});

/** What the clerk chose for one invoice; absent fields fall back to the draft's defaults. */
export type InvoiceChoice = z.infer<typeof choiceSchema>;
export type ManualDraft = z.infer<typeof draftSchema>;
export type DraftMethod = ManualDraft['method'];

export interface StoredDraft {
  readonly id: string;
  readonly draft: ManualDraft;
}

/** What step 1 (customer, period, date, method) needs to render. */
export interface FormData {
  readonly draftId: string;
  readonly draft: ManualDraft;
  readonly openPeriods: readonly Period[];
  /** The open period to preselect: the one containing today, else the earliest open one. */
  readonly defaultPeriod: string | null;
  /** Today in the company timezone. */
  readonly today: IsoDate;
  readonly customer: Customer | null;
  readonly currency: string;
}

/** Creates an empty draft for the user and returns what the first step shows. */
export function startManualDraft(
  deps: AppDeps,
  input: { readonly userId: string; readonly channelId: string; readonly viewId?: string },
): Result<FormData, AppError> {
  const nowMs = deps.now().getTime();
  const id = randomUUID();
  const draft: ManualDraft = {
    v: 1,
    userId: input.userId,
    channelId: input.channelId,
    step: 'form',
    customerId: null,
    period: null,
    date: null,
    method: 'entry',
    account: null,
    comment: null,
    selectAll: false,
    choices: {},
    page: 0,
    rev: 0,
    previewHash: null,
    snapshot: null,
    ...(input.viewId === undefined ? {} : { viewId: input.viewId }),
  };
  // One transaction: the sweep, the new draft and what the first step shows, read in it with the
  // settings already read rather than in a nested read (on PostgreSQL a savepoint and the two
  // settings again: four more statements per `/writeoff`, docs/decisions/395-pg-writeoff-post-ack-cpu.md).
  const form = deps.store.write((tx) => {
    const settings = getLedgerSettings(tx);
    if (settings === null) return null;
    const row = {
      id,
      userId: input.userId,
      payloadJson: JSON.stringify(draft),
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    insertDraftAfterSweep(tx, row, {
      beforeMs: nowMs - DRAFT_TTL_MS,
      keep: MAX_OPEN_DRAFTS_PER_USER - 1,
    });
    return formDataIn(tx, deps, { id, draft }, settings);
  });
  return form === null ? err({ kind: 'no_ledger' }) : ok(form);
}

/** The draft if it exists and belongs to `userId`. */
export function loadDraft(deps: AppDeps, draftId: string, userId: string): StoredDraft | null {
  return deps.store.read((tx) => {
    const row = getDraftRow(tx, draftId);
    if (row === null || row.userId !== userId) return null;
    const parsed = draftSchema.safeParse(JSON.parse(row.payloadJson));
    return parsed.success ? { id: row.id, draft: parsed.data } : null;
  });
}

/** Saves the draft; false when it vanished (or is not the user's). */
export function saveDraft(deps: AppDeps, stored: StoredDraft): boolean {
  return deps.store.write((tx) =>
    updateDraftRow(
      tx,
      stored.id,
      stored.draft.userId,
      JSON.stringify(stored.draft),
      deps.now().getTime(),
    ),
  );
}

export function discardDraft(deps: AppDeps, draftId: string): void {
  deps.store.write((tx) => deleteDraftRow(tx, draftId));
}

/** Step 1's data for a draft (a new one, or after "Back"). Null before the first import. */
export function loadFormData(deps: AppDeps, stored: StoredDraft): FormData | null {
  return deps.store.read((tx) => {
    const settings = getLedgerSettings(tx);
    return settings === null ? null : formDataIn(tx, deps, stored, settings);
  });
}

function formDataIn(
  tx: Tx,
  deps: AppDeps,
  stored: StoredDraft,
  settings: LedgerSettings,
): FormData {
  const today = todayIn(settings.timezone, deps.now());
  const openPeriods = listOpenPeriods(tx);
  const current = openPeriods.find((p) => p.start <= today && today <= p.end);
  const customerId = stored.draft.customerId;
  return {
    draftId: stored.id,
    draft: stored.draft,
    openPeriods,
    defaultPeriod: current?.name ?? openPeriods[0]?.name ?? null,
    today,
    customer: customerId === null ? null : getCustomer(tx, customerId),
    currency: settings.currency,
  };
}

export interface FormInput {
  readonly customerId: string | null;
  readonly period: string | null;
  readonly date: string | null;
  readonly method: DraftMethod;
  readonly mode: 'invoices' | 'automatic';
}

export type FormField = 'customer' | 'period' | 'date' | 'mode';

/** Every problem with step 1, by field, in words a clerk can act on. */
export type FormErrors = Partial<Record<FormField, string>>;

/**
 * Checks step 1 and moves the draft to the invoice step. Changing the customer or the method
 * drops the invoice choices made so far (they belonged to another customer / shape).
 */
export function applyFormStep(
  deps: AppDeps,
  stored: StoredDraft,
  input: FormInput,
): Result<StoredDraft, FormErrors> {
  return deps.store.read((tx) => {
    const errors: FormErrors = {};
    if (input.customerId === null) errors.customer = 'Choose a customer.';
    else if (getCustomer(tx, input.customerId) === null) {
      errors.customer = `Customer ${input.customerId} does not exist (any more); choose another.`;
    }
    const open = listOpenPeriods(tx);
    if (input.period === null || !open.some((p) => p.name === input.period)) {
      const earliest = open[0]?.name;
      errors.period = `${input.period === null ? 'Choose a period.' : `Period ${input.period} is not open.`} ${
        earliest === undefined
          ? 'There is no open period; ask an administrator to open one.'
          : `The earliest open period is ${earliest}.`
      }`;
    }
    if (input.date === null || !isIsoDate(input.date)) errors.date = 'Choose a write-off date.';
    if (input.mode === 'automatic') {
      errors.mode =
        'Automatic criteria are coming soon. For now choose "Pick invoices", or run `writeoff auto` from the command line.';
    }
    if (Object.keys(errors).length > 0) return err(errors);
    const before = stored.draft;
    const sameShape = before.customerId === input.customerId && before.method === input.method;
    const draft: ManualDraft = {
      ...before,
      step: 'invoices',
      customerId: input.customerId,
      period: input.period,
      date: input.date,
      method: input.method,
      choices: sameShape ? before.choices : {},
      selectAll: sameShape ? before.selectAll : false,
      page: sameShape ? before.page : 0,
      rev: before.rev + 1,
      previewHash: null,
      snapshot: null,
    };
    return ok({ id: stored.id, draft });
  });
}

/** Type-ahead over customer ids and names, with balances; empty before the first import. */
export function findCustomers(
  deps: AppDeps,
  query: string,
  limit: number,
): { readonly currency: string; readonly hits: readonly CustomerHit[] } {
  return deps.store.read((tx) => {
    const settings = getLedgerSettings(tx);
    if (settings === null) return { currency: '', hits: [] };
    return { currency: settings.currency, hits: searchCustomers(tx, query, limit) };
  });
}
