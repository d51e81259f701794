// Fuzzed Slack payloads through the real receiver (fast-check): slash commands with any text,
// button clicks, option loads and view submissions aimed at every id the app listens on, with
// random values, users, private_metadata and state. Correctly signed, so they reach the
// listeners. Whatever arrives: never a 5xx (nor a missed ack), never a posting (the one
// pending request in the ledger included), and anything a person can type (command text,
// type-ahead text, form values) gets a specific answer, never the generic "something went
// wrong" path. Forged button values are counted separately (see the figures). Cases: 60 in `npm test`, 3,000 in `npm run test:reliability`.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOf } from '../../src/db/sqlite-store.ts';
import { ids, manualIds } from '../../src/slack/ids.ts';
import { startTestApp, type TestApp } from '../support/slack-app.ts';
import {
  blockAction,
  blockSuggestion,
  type SlackRequest,
  signatureHeaders,
  slashCommand,
  viewSubmission,
} from '../support/slack-request.ts';
import { ledgerWithPendingRequest, postingCount } from './support/pending-ledger.ts';
import { recordFigures, scaled } from './support/scale.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? scaled(60, 3_000));
const PROBE_TIMEOUT_MS = 800;
/** Bolt's log line for a probe of an id nobody listens on; its request already got a 404. */
const PROBE_TIMEOUT_LOG = 'An incoming event was not acknowledged';

let app: TestApp;
let requestId: string;
const stats = { cases: 0, failures: 0, generic: 0, heard: '' };
const failures: string[] = [];

type Kind = 'action' | 'suggestion' | 'view';
const allIds = [
  ...Object.values(ids).flatMap((group) => Object.values(group)),
  ...Object.values(manualIds),
];
const actionIds = allIds.filter(
  (id) => /action|select|radio|pick|input|toggle|page|back/i.test(id) || id.startsWith('writeoff_'),
);
const callbackIds = allIds.filter((id) => /modal|callback|wo_manual_/i.test(id));

/** Which ids answer at all; Bolt leaves an unheard id hanging for 3 s, so those are skipped. */
async function listened(kind: Kind, candidates: readonly string[]): Promise<string[]> {
  const answered = await Promise.all(
    candidates.map(async (id) => {
      const body = build(kind, id, 'probe', 'U0FUZZPROBE', '', {});
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
      try {
        const response = await fetch(app.eventsUrl, {
          method: 'POST',
          body: body.body,
          headers: signed(body),
          signal: controller.signal,
        });
        await response.text();
        return response.status < 400 ? id : undefined;
      } catch {
        return undefined;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return answered.filter((id): id is string => id !== undefined);
}

function signed(request: SlackRequest): Record<string, string> {
  return { 'content-type': request.contentType, ...signatureHeaders(request.body) };
}

function build(
  kind: Kind,
  id: string,
  value: string,
  userId: string,
  metadata: string,
  state: Record<string, unknown>,
): SlackRequest {
  if (kind === 'action')
    return blockAction({
      actionId: id,
      value,
      userId,
      blockId: `${ids.approval.decideBlockPrefix}:${value}`,
    });
  if (kind === 'suggestion')
    return blockSuggestion({
      actionId: id,
      blockId: manualIds.customerBlock,
      value,
      userId,
      privateMetadata: metadata,
    });
  return viewSubmission({ callbackId: id, userId, privateMetadata: metadata, values: state });
}

beforeAll(async () => {
  const ledger = ledgerWithPendingRequest();
  requestId = ledger.requestId;
  app = await startTestApp({ database: databaseOf(ledger.deps.store) });
});
afterAll(async () => {
  await app.stop();
  recordFigures({
    suite: 'fuzzed Slack payloads',
    trials: 1,
    cases: stats.cases,
    failures: stats.failures,
    note: `ids heard: ${stats.heard}; ${stats.generic} forged button clicks answered by the generic error handler`,
  });
});

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    'WO-000001',
    'WO-999999',
    '../../etc/passwd',
    '{"v":1}',
    'null',
    '-1.00',
    '1e309',
    'constructor',
    '__proto__',
    'toString',
    '💸',
    'x'.repeat(4000),
  ),
);
const users = fc.constantFrom('U0FUZZ001', 'W0FUZZ002', 'U_CLERK', '', 'not a user');
const metadata = fc.oneof(
  text,
  fc.json({ maxDepth: 2 }),
  fc.constant(JSON.stringify({ v: 1, requestId: 'WO-000001' })),
);

describe('fuzzed payloads through the receiver', () => {
  it('never answer 5xx, never post, always answer specifically', async () => {
    const actions = await listened('action', actionIds);
    const suggestions = await listened('suggestion', actionIds);
    const views = await listened('view', callbackIds);
    stats.heard = `${actions.length} actions, ${suggestions.length} option loads, ${views.length} views`;
    const stateValue = fc.record({
      type: fc.constantFrom('plain_text_input', 'static_select', 'datepicker', 'checkboxes'),
      value: text,
    });
    const state = fc.dictionary(
      fc.constantFrom(...allIds, 'reason', 'x'),
      fc.dictionary(fc.constantFrom(...allIds, 'y'), stateValue, { maxKeys: 2 }),
      { maxKeys: 4 },
    );
    const payload = fc.oneof(
      fc.record({
        kind: fc.constant('command' as const),
        id: fc.constant('/writeoff'),
        value: text,
        user: users,
        meta: metadata,
        state,
      }),
      ...(actions.length > 0
        ? [
            fc.record({
              kind: fc.constant('action' as const),
              id: fc.constantFrom(...actions),
              value: text,
              user: users,
              meta: metadata,
              state,
            }),
          ]
        : []),
      ...(suggestions.length > 0
        ? [
            fc.record({
              kind: fc.constant('suggestion' as const),
              id: fc.constantFrom(...suggestions),
              value: text,
              user: users,
              meta: metadata,
              state,
            }),
          ]
        : []),
      ...(views.length > 0
        ? [
            fc.record({
              kind: fc.constant('view' as const),
              id: fc.constantFrom(...views),
              value: text,
              user: users,
              meta: metadata,
              state,
            }),
          ]
        : []),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        const logsBefore = app.logs.length;
        const request =
          p.kind === 'command'
            ? slashCommand({ text: p.value, userId: p.user || 'U0FUZZ001' })
            : build(p.kind, p.id, p.value, p.user, p.meta, p.state);
        const response = await app.send(request);
        stats.cases += 1;
        const errors = app.logs
          .slice(logsBefore)
          .filter((l) => l.level === 'error' && !l.message.startsWith(PROBE_TIMEOUT_LOG));
        // A button's value and the clicking user come from Slack and from blocks we rendered;
        // a forged one (only possible with the signing secret) may take the generic error path,
        // which still tells the user, with a reference. Anything a person can type may not.
        const forgedButton = p.kind === 'action';
        if (errors.length > 0 && forgedButton) stats.generic += 1;
        const generic = errors.length > 0 && !forgedButton;
        const bad = response.status !== 200 || postingCount(app.deps) !== 0 || generic;
        if (bad) {
          stats.failures += 1;
          const why = errors[0]?.message.replace(/\s+/g, ' ');
          failures.push(
            `${p.kind} ${p.id} value=${JSON.stringify(p.value).slice(0, 40)} → ${response.status}${generic ? ` (generic error handler: ${why?.slice(0, 200)})` : ''}`,
          );
        }
        return true;
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
    expect(requestId).toBe('WO-000001');
    expect([...new Set(failures)].slice(0, 15)).toEqual([]);
  });
});
