// The main thread's side of the PostgreSQL bridge
// (docs/decisions/300-postgresql-behind-the-synchronous-store.md). Use-cases are synchronous;
// PostgreSQL drivers are not. The bridge thread owns the connections and runs each repository
// call; the main thread posts the call and waits on a shared flag for the reply
// (Atomics.wait), so a use-case runs on PostgreSQL exactly as written for SQLite, one
// transaction at a time per bridge, and no driver is loaded on the main thread.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { applyEffects, sendableArgs } from './bridge-effects.ts';
import type { BridgeCommand, BridgeFailure, BridgeOpener, BridgeReply } from './bridge-protocol.ts';

/** Longer than any statement should take; a bridge thread that stops answering is a crash. */
const REPLY_TIMEOUT_MS = 120_000;
/** Rows fetched per round trip when a repository streams (open items, posted lines). */
const ITERATOR_BATCH = 1000;

/** An error the database raised, with its SQLSTATE when it has one. */
export class PgBridgeError extends Error {
  readonly code: string | undefined;
  constructor(failure: BridgeFailure) {
    super(failure.message);
    this.name = 'PgBridgeError';
    this.code = failure.code;
  }
}

export class PgBridge {
  private readonly worker: Worker;
  private readonly port;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;

  /** Starts the thread and waits until its database is open and migrated (or throws why not). */
  constructor(opener: BridgeOpener) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./pg/bridge-worker.mjs', import.meta.url), {
      workerData: { opener, signal: this.signal.buffer, port: port2 },
      transferList: [port2],
    });
    // The thread's own failures reach the main thread as replies; this only keeps an
    // uncaught one from crashing the process before the wait below reports it.
    this.worker.on('error', () => {});
    this.worker.unref();
    try {
      this.await();
    } catch (error) {
      void this.worker.terminate();
      throw error;
    }
  }

  /** Sends one command and waits for its reply. */
  send(command: BridgeCommand): BridgeReply & { ok: true } {
    if (this.closed) throw new Error('the PostgreSQL connection is closed');
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage(command);
    return this.await();
  }

  /**
   * Waits until the reply is on the port. A wake-up alone proves nothing: the thread sets the
   * flag and then notifies, and when this side saw the flag first, took that reply and sent the
   * next command, the late notify of the previous reply wakes this wait with nothing to read.
   * Taken as "no answer", it left that command's reply queued to be read as the next one's.
   */
  private await(): BridgeReply & { ok: true } {
    const deadline = Date.now() + REPLY_TIMEOUT_MS;
    let received = receiveMessageOnPort(this.port);
    while (received === undefined) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('the PostgreSQL bridge did not answer in time');
      Atomics.wait(this.signal, 0, 0, left);
      received = receiveMessageOnPort(this.port);
    }
    const reply = received.message as BridgeReply;
    if (!reply.ok) throw new PgBridgeError(reply.failure);
    return reply;
  }

  /** Runs the PostgreSQL twin of `repo`.`fn` in the open transaction (or autocommit). */
  callRepo(repo: string, fn: string, args: unknown[]): unknown {
    const sent = sendableArgs(`${repo}.${fn}`, args);
    return this.unwrap(this.send({ op: 'call', repo, fn, args: sent }), args);
  }

  /** The reply's value, after replaying what the call did to `args` (bridge-effects.ts). */
  private unwrap(reply: BridgeReply & { ok: true }, args: readonly unknown[]): unknown {
    applyEffects(args, reply.effects);
    const result = reply.result;
    if (result === undefined) return undefined;
    if (result.kind === 'value') return result.value;
    if (result.kind === 'iterator') return this.iterate(result.id, args);
    const id = result.id;
    return Object.fromEntries(
      result.methods.map((method) => [
        method,
        (...methodArgs: unknown[]) => {
          const sent = sendableArgs(method, methodArgs);
          return this.unwrap(this.send({ op: 'invoke', id, method, args: sent }), methodArgs);
        },
      ]),
    );
  }

  private *iterate(id: number, args: readonly unknown[]): Generator<unknown, void, undefined> {
    try {
      for (;;) {
        const batch = this.send({ op: 'next-batch', id, max: ITERATOR_BATCH });
        applyEffects(args, batch.effects);
        yield* batch.items ?? [];
        if (batch.done === true) return;
      }
    } finally {
      if (!this.closed) this.send({ op: 'release', id });
    }
  }

  close(): void {
    if (this.closed) return;
    this.send({ op: 'close' });
    this.closed = true;
    this.port.close();
  }
}
