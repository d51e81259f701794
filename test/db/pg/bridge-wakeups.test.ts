// The main thread waits for each reply of the PostgreSQL bridge on a shared flag
// (src/db/pg-bridge.ts). A wake-up without a reply on the port (a previous reply's late notify)
// must mean "wait on", never "no answer": taken as a failure, it left that reply queued, and every
// later command read the reply of the one before it.
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { bridgeOf, pgAutocommitTx } from '../../../src/db/pg-store.ts';
import { getSetting, putSetting } from '../../../src/db/repos/settings.ts';
import { openPgTestStore } from '../../support/pg-store.ts';

/** A thread that keeps notifying the flag, so the main thread wakes up without a reply. */
function notifyStorm(signal: SharedArrayBuffer): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    const flag = new Int32Array(workerData);
    const stop = Date.now() + 60000;
    while (Date.now() < stop) Atomics.notify(flag, 0);
  `;
  return new Worker(code, { eval: true, workerData: signal });
}

describe('the bridge under wake-ups without a reply', () => {
  const store = openPgTestStore('pglite');
  afterAll(() => store.close());

  it('gives each command its own reply', async () => {
    const tx = pgAutocommitTx(store);
    const bridge = bridgeOf(tx) as unknown as { signal: Int32Array };
    const storm = notifyStorm(bridge.signal.buffer as SharedArrayBuffer);
    try {
      for (let i = 0; i < 200; i += 1) {
        putSetting(tx, `k${i}`, `v${i}`);
        expect(getSetting(tx, `k${i}`)).toBe(`v${i}`);
      }
    } finally {
      await storm.terminate();
    }
  });
});
