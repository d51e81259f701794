// Drives the manual write-off modal the way the Slack client would: it keeps the view the app
// last showed (from views.open / views.update or a `response_action: update` ack), fills
// `state.values` from the inputs' initial values plus what the test "types", and sends signed
// view_submission / block_actions / block_suggestion payloads through the real receiver. Every
// view it sees passes the Block Kit checker.
import { expect } from 'vitest';
import {
  type InvoiceRowField,
  manualIds as ids,
  invoiceRowBlockId,
  reasonIds,
} from '../../src/slack/ids.ts';
import { TEST_REASON } from '../support/app.ts';
import { expectValidOptions, expectValidView } from '../support/block-kit.ts';
import type { TestApp } from '../support/slack-app.ts';
import {
  blockSuggestion,
  type SignedResponse,
  type SlackRequest,
  slashCommand,
  TEST_TEAM_ID,
  TEST_USER_ID,
  uniqueTriggerId,
  viewSubmission,
} from '../support/slack-request.ts';
import { stateOf } from '../support/slack-state.ts';

type Json = Record<string, unknown>;
type StateValue = Json;

export interface ModalDriver {
  /** The view currently on screen (as the app sent it). */
  view(): Json;
  callbackId(): string;
  /** Blocks of the current view. */
  blocks(): Json[];
  /** Text of every block, for `toContain` assertions. */
  text(): string;
  set(blockId: string, actionId: string, value: StateValue): void;
  setRow(field: InvoiceRowField, invoice: string, value: StateValue): void;
  /** Submits the view; returns the ack body (`undefined` for a plain ack). */
  submit(): Promise<Json | undefined>;
  /** Clicks / changes an element in an actions or section block. */
  act(actionId: string, action: Json): Promise<SignedResponse>;
  /** Clicks a button of the current view (its value as rendered). */
  press(actionId: string): Promise<SignedResponse>;
  closed(): boolean;
  /** Takes the latest views.update of this view as the one on screen (work done after an ack). */
  adoptLatestUpdate(): void;
}

export async function openModal(t: TestApp, userId = TEST_USER_ID): Promise<ModalDriver> {
  const before = t.fake.calls('views.update').length;
  const response = await t.send(slashCommand({ text: '', userId }));
  expect(response.status).toBe(200);
  const opened = t.fake.calls('views.open');
  expect(opened.length).toBeGreaterThan(0);
  const updates = t.fake.calls('views.update');
  expect(updates.length).toBe(before + 1);
  const last = updates.at(-1)?.args as Json;
  return createDriver(t, userId, last.view as Json, String(last.view_id));
}

/** Opens the modal with a request other than `/writeoff` (a button in a DM or on App Home). */
export async function openModalWith(
  t: TestApp,
  request: SlackRequest,
  userId = TEST_USER_ID,
): Promise<ModalDriver> {
  const before = t.fake.calls('views.update').length;
  const response = await t.send(request);
  expect(response.status).toBe(200);
  const updates = t.fake.calls('views.update');
  expect(updates.length).toBe(before + 1);
  const last = updates.at(-1)?.args as Json;
  return createDriver(t, userId, last.view as Json, String(last.view_id));
}

function createDriver(t: TestApp, userId: string, first: Json, viewId: string): ModalDriver {
  let current = first;
  let overrides: Record<string, Record<string, StateValue>> = {};
  let isClosed = false;
  let hashCounter = 0;
  expectValidView(current);

  const show = (view: Json) => {
    expectValidView(view);
    current = view;
    overrides = {};
  };
  const payloadView = (): Json => ({
    ...current,
    id: viewId,
    root_view_id: viewId,
    hash: `hash-${++hashCounter}`,
    state: { values: stateOf(current, overrides) },
  });

  const driver: ModalDriver = {
    view: () => current,
    callbackId: () => String(current.callback_id),
    blocks: () => (current.blocks as Json[]) ?? [],
    text: () => JSON.stringify(current.blocks),
    set(blockId, actionId, value) {
      overrides[blockId] = { ...overrides[blockId], [actionId]: value };
    },
    setRow(field, invoice, value) {
      const blockId = rowBlockId(current, field, invoice);
      driver.set(blockId, actionOfRow(field), value);
    },
    async submit() {
      const values = withTestReason(
        current,
        overrides,
        stateOf(current, overrides) as Record<string, Record<string, StateValue>>,
      );
      const response = await t.send(
        viewSubmission({
          callbackId: String(current.callback_id),
          privateMetadata: String(current.private_metadata ?? ''),
          userId,
          viewId,
          blocks: current.blocks as unknown[],
          values,
        }),
      );
      expect(response.status).toBe(200);
      const body = response.json as Json | undefined;
      if (body?.response_action === 'update') show(body.view as Json);
      if (body?.response_action === 'clear') isClosed = true;
      if (body === undefined) isClosed = true;
      return body;
    },
    async act(actionId, action) {
      const before = t.fake.calls('views.update').length;
      const payload = {
        type: 'block_actions',
        user: { id: userId, username: 'clerk', name: 'clerk', team_id: TEST_TEAM_ID },
        api_app_id: 'A111',
        token: 'verification_token',
        container: { type: 'view', view_id: viewId },
        trigger_id: uniqueTriggerId(),
        team: { id: TEST_TEAM_ID, domain: 'workspace-domain' },
        is_enterprise_install: false,
        view: payloadView(),
        actions: [
          {
            action_id: actionId,
            block_id: blockOfAction(current, actionId),
            action_ts: `${Date.now() / 1000}`,
            ...action,
          },
        ],
      };
      const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
      const response = await t.send({
        body,
        contentType: 'application/x-www-form-urlencoded',
        payload,
      });
      expect(response.status).toBe(200);
      const updates = t.fake.calls('views.update');
      if (updates.length > before) {
        const args = updates.at(-1)?.args as Json;
        expect(args.view_id).toBe(viewId);
        show(args.view as Json);
      }
      return response;
    },
    press(actionId) {
      const button = elementOf(current, actionId);
      return driver.act(actionId, { type: 'button', value: button.value });
    },
    closed: () => isClosed,
    adoptLatestUpdate() {
      const args = t.fake.calls('views.update').findLast((c) => c.args.view_id === viewId)?.args;
      if (args !== undefined) show(args.view as Json);
    },
  };
  return driver;
}

/**
 * Every request needs a reason (docs/policy.md): where a view offers the reason select and the
 * test neither chose one nor cleared it (`set` on the reason block), the usual test reason and
 * evidence are submitted, as a clerk would pick them. Tests of the rule set the block themselves.
 */
function withTestReason(
  view: Json,
  overrides: Record<string, Record<string, StateValue>>,
  values: Record<string, Record<string, StateValue>>,
): Record<string, Record<string, StateValue>> {
  const blocks = (view.blocks as Json[] | undefined) ?? [];
  if (!blocks.some((b) => b.block_id === reasonIds.reasonBlock)) return values;
  if (overrides[reasonIds.reasonBlock] !== undefined) return values;
  if (values[reasonIds.reasonBlock]?.[reasonIds.reasonAction]?.selected_option) return values;
  // Slack omits an untouched select; stateOf may give it as null.
  const evidence = values[reasonIds.evidenceBlock]?.[reasonIds.evidenceAction]?.value;
  return {
    ...values,
    [reasonIds.reasonBlock]: {
      [reasonIds.reasonAction]: {
        type: 'static_select',
        selected_option: { value: TEST_REASON.reasonCode },
      },
    },
    [reasonIds.evidenceBlock]: {
      [reasonIds.evidenceAction]: {
        type: 'plain_text_input',
        value: evidence ? evidence : TEST_REASON.evidence,
      },
    },
  };
}

export async function suggestCustomers(t: TestApp, query: string): Promise<Json[]> {
  const response = await t.send(
    blockSuggestion({
      actionId: ids.customerAction,
      blockId: ids.customerBlock,
      value: query,
      callbackId: ids.formCallback,
    }),
  );
  expect(response.status).toBe(200);
  expectValidOptions(response.json);
  return ((response.json as Json).options as Json[]) ?? [];
}

function actionOfRow(field: InvoiceRowField): string {
  return {
    select: ids.rowSelectAction,
    amount: ids.rowAmountAction,
    account: ids.rowAccountAction,
    comment: ids.rowCommentAction,
  }[field];
}

/** The block id the current view uses for an invoice row input (whatever its revision). */
export function rowBlockId(view: Json, field: InvoiceRowField, invoice: string): string {
  for (const block of (view.blocks as Json[]) ?? []) {
    const id = String(block.block_id ?? '');
    const rev = /^wo_row\|(\d+)\|/.exec(id)?.[1];
    if (rev !== undefined && id === invoiceRowBlockId(Number(rev), field, invoice)) return id;
  }
  throw new Error(`no ${field} input for invoice ${invoice} in the current view`);
}

function elementOf(view: Json, actionId: string): Json {
  for (const block of (view.blocks as Json[]) ?? []) {
    const elements = [
      ...((block.elements as Json[]) ?? []),
      ...(block.accessory === undefined ? [] : [block.accessory as Json]),
    ];
    const found = elements.find((e) => e.action_id === actionId);
    if (found !== undefined) return found;
  }
  throw new Error(`no element ${actionId} in the current view`);
}

function blockOfAction(view: Json, actionId: string): string {
  for (const block of (view.blocks as Json[]) ?? []) {
    const elements = [
      ...((block.elements as Json[]) ?? []),
      ...(block.accessory === undefined ? [] : [block.accessory as Json]),
      ...(block.element === undefined ? [] : [block.element as Json]),
    ];
    if (elements.some((e) => e.action_id === actionId)) return String(block.block_id ?? '');
  }
  throw new Error(`no element ${actionId} in the current view`);
}

export { chosen, ticked, typedText as typed } from '../support/slack-state.ts';
export const unticked = (): StateValue => ({ selected_options: [] });

/** The `errors` of a `response_action: errors` ack (empty for anything else). */
export function errorsOf(ack: Json | undefined): Record<string, string> {
  return (ack?.errors ?? {}) as Record<string, string>;
}
