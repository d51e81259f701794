// Forged, missing and stale signatures: every such request gets 401 and changes nothing, even
// when its body is a perfectly valid approval click by an approver of a pending request (the
// one request that would post if it got through). Fixed cases plus a fast-check property over
// random bodies, secrets and stale timestamps (40 cases in `npm test`, 1,000 in full).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOf } from '../../src/db/sqlite-store.ts';
import { ids } from '../../src/slack/ids.ts';
import { APPROVER } from '../support/app.ts';
import { dumpDatabase } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/slack-app.ts';
import { blockAction, signatureHeaders, slashCommand } from '../support/slack-request.ts';
import { ledgerWithPendingRequest, postingCount } from './support/pending-ledger.ts';
import { recordFigures, scaled } from './support/scale.ts';

const RUNS = scaled(40, 1_000);
const FIVE_MINUTES_S = 300;
const now = () => Math.floor(Date.now() / 1000);

let app: TestApp;
let requestId: string;
let before: Record<string, unknown[]>;
let cases = 0;
let failures = 0;

beforeAll(async () => {
  const ledger = ledgerWithPendingRequest();
  requestId = ledger.requestId;
  app = await startTestApp({ database: databaseOf(ledger.deps.store) });
  before = dumpDatabase(databaseOf(ledger.deps.store));
});
afterAll(async () => {
  await app.stop();
  recordFigures({ suite: 'forged/missing/stale signatures', trials: 1, cases, failures });
});

const approvalClick = () =>
  blockAction({ actionId: ids.approval.approveAction, value: requestId, userId: APPROVER });

/** POSTs `body` with exactly these headers (no automatic signing). */
async function sendRaw(body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(app.eventsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  await response.text();
  return response.status;
}

function expectRefused(status: number): void {
  cases += 1;
  if (status !== 401 || postingCount(app.deps) !== 0) failures += 1;
  expect(status).toBe(401);
}

describe('requests without a valid Slack signature', () => {
  const signed = (body: string, options: Parameters<typeof signatureHeaders>[1] = {}) => ({
    ...signatureHeaders(body, options),
  });
  const CASES: readonly (readonly [string, () => Promise<number>])[] = [
    [
      'signed with the wrong secret',
      () => sendRaw(approvalClick().body, signed(approvalClick().body, { secret: 'f'.repeat(32) })),
    ],
    [
      'no signature header',
      () => sendRaw(approvalClick().body, { 'x-slack-request-timestamp': String(now()) }),
    ],
    [
      'no timestamp header',
      () => {
        const h = signed(approvalClick().body);
        return sendRaw(approvalClick().body, { 'x-slack-signature': h['x-slack-signature'] });
      },
    ],
    ['no headers at all', () => sendRaw(approvalClick().body, {})],
    [
      'stale by 5 min 1 s',
      () =>
        sendRaw(
          approvalClick().body,
          signed(approvalClick().body, { timestamp: now() - FIVE_MINUTES_S - 1 }),
        ),
    ],
    [
      'stale by a day',
      () =>
        sendRaw(approvalClick().body, signed(approvalClick().body, { timestamp: now() - 86_400 })),
    ],
    [
      'body changed after signing',
      () => {
        const click = approvalClick();
        return sendRaw(click.body.replace('U_APPROVER', 'U_BIG'), signed(click.body));
      },
    ],
    [
      'slash command signed for another body',
      () =>
        sendRaw(slashCommand({ text: 'help' }).body, signed(slashCommand({ text: 'other' }).body)),
    ],
    [
      'v1 signature scheme',
      () => {
        const h = signed(approvalClick().body);
        return sendRaw(approvalClick().body, {
          ...h,
          'x-slack-signature': h['x-slack-signature'].replace('v0=', 'v1='),
        });
      },
    ],
    [
      'truncated signature',
      () => {
        const h = signed(approvalClick().body);
        return sendRaw(approvalClick().body, {
          ...h,
          'x-slack-signature': h['x-slack-signature'].slice(0, 20),
        });
      },
    ],
    [
      'empty signature',
      () =>
        sendRaw(approvalClick().body, {
          'x-slack-request-timestamp': String(now()),
          'x-slack-signature': '',
        }),
    ],
    [
      'timestamp that is not a number',
      () =>
        sendRaw(approvalClick().body, {
          ...signed(approvalClick().body),
          'x-slack-request-timestamp': 'yesterday',
        }),
    ],
  ];

  it.each(CASES)('%s: 401 and nothing written', async (_name, send) => {
    expectRefused(await send());
    expect(dumpDatabase(app.database)).toEqual(before);
    expect(app.fake.calls().length).toBe(0);
  });

  it('random bodies with forged or stale signatures are all refused (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.oneof(
          fc.record({ secret: fc.stringMatching(/^[0-9a-f]{16,64}$/) }),
          fc.record({
            timestamp: fc
              .integer({ min: FIVE_MINUTES_S + 1, max: 10 ** 7 })
              .map((age) => now() - age),
          }),
          fc.record({ signature: fc.string({ maxLength: 80 }) }),
        ),
        async (body, forgery) => {
          const headers = signatureHeaders(body, forgery as Parameters<typeof signatureHeaders>[1]);
          expectRefused(await sendRaw(body, { ...headers }));
        },
      ),
      { numRuns: RUNS },
    );
    expect(dumpDatabase(app.database)).toEqual(before);
  });
});
