// The PostgreSQL bridge thread (docs/decisions/300-postgresql-behind-the-synchronous-store.md):
// it owns the connection pool and runs the PostgreSQL twin of each repository call the main
// thread sends, inside the transaction the main thread opened. The main thread waits for each
// reply (src/db/pg-bridge.ts), so commands arrive one at a time and in order.
import { type MessagePort, workerData } from 'node:worker_threads';
import { EffectRecorder } from '../bridge-effects.ts';
import type {
  BridgeCommand,
  BridgeFailure,
  BridgeReply,
  BridgeValue,
  BridgeWorkerData,
} from '../bridge-protocol.ts';
import type { PgDatabaseHandle } from './client.ts';
import { PASS_LOCK_KEYS, type PassLocks } from './pass-lock.ts';
import { PG_REPOS } from './repos.ts';
import { sqlState } from './transaction.ts';
import type { PgTx } from './types.ts';

const data = workerData as BridgeWorkerData & { readonly port: MessagePort };
const signal = new Int32Array(data.signal);
const commands: BridgeCommand[] = [];
let waiting: ((command: BridgeCommand) => void) | undefined;
data.port.on('message', (command: BridgeCommand) => {
  const resolve = waiting;
  waiting = undefined;
  if (resolve === undefined) commands.push(command);
  else resolve(command);
});

function nextCommand(): Promise<BridgeCommand> {
  const queued = commands.shift();
  if (queued !== undefined) return Promise.resolve(queued);
  return new Promise((resolve) => {
    waiting = resolve;
  });
}

function reply(message: BridgeReply): void {
  data.port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function failure(error: unknown): BridgeReply {
  // drizzle wraps the server's error ("Failed query: …"); the server's words are in the cause.
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = inner instanceof Error ? inner.message : String(inner);
  const code = sqlState(error);
  const described: BridgeFailure = code === undefined ? { message } : { message, code };
  return { ok: false, failure: described };
}

/** Iterators and objects with methods (the import writer) stay here, named by a handle. */
interface Handle {
  value: unknown;
  /** The effects of the call that made it: a stream keeps filling its caller's Maps. */
  readonly recorder: EffectRecorder;
}
const handles = new Map<number, Handle>();
let nextHandle = 1;

function toBridgeValue(value: unknown, recorder: EffectRecorder): BridgeValue {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if (Symbol.asyncIterator in value || Symbol.iterator in value) {
      if (!(value instanceof Map) && !(value instanceof Set)) {
        handles.set(nextHandle, { value, recorder });
        return { kind: 'iterator', id: nextHandle++ };
      }
    }
    const methods = Object.keys(value).filter(
      (k) => typeof (value as Record<string, unknown>)[k] === 'function',
    );
    if (methods.length > 0) {
      handles.set(nextHandle, { value, recorder });
      return { kind: 'object', id: nextHandle++, methods };
    }
  }
  return { kind: 'value', value };
}

function handleOf(id: number): Handle {
  const handle = handles.get(id);
  if (handle === undefined) throw new Error(`bridge handle ${id} is gone`);
  return handle;
}

/** The twins, plus any repositories the opener module adds (tests add raw SQL and a reset). */
let repos: typeof PG_REPOS = PG_REPOS;

async function call(db: PgTx, repo: string, fn: string, args: unknown[]): Promise<BridgeReply> {
  const f = repos[repo]?.[fn];
  if (typeof f !== 'function') throw new Error(`no PostgreSQL repository function ${repo}.${fn}`);
  const recorder = new EffectRecorder(args);
  const result = toBridgeValue(await f(db, ...args), recorder);
  return withEffects({ ok: true, result }, recorder);
}

async function invoke(id: number, method: string, args: unknown[]): Promise<BridgeReply> {
  const target = handleOf(id).value as Record<string, (...a: unknown[]) => unknown>;
  const recorder = new EffectRecorder(args);
  const result = toBridgeValue(await target[method]?.(...args), recorder);
  return withEffects({ ok: true, result }, recorder);
}

function withEffects(reply: BridgeReply & { ok: true }, recorder: EffectRecorder): BridgeReply {
  const effects = recorder.take();
  return effects === undefined ? reply : { ...reply, effects };
}

async function nextBatch(id: number, max: number): Promise<BridgeReply> {
  const handle = handleOf(id);
  const source = handle.value as AsyncIterator<unknown> | Iterator<unknown>;
  const iterator =
    Symbol.asyncIterator in source
      ? (source as unknown as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : source;
  handle.value = iterator;
  const items: unknown[] = [];
  while (items.length < max) {
    const step = await iterator.next();
    if (step.done === true) return withEffects({ ok: true, items, done: true }, handle.recorder);
    items.push(step.value);
  }
  return withEffects({ ok: true, items, done: false }, handle.recorder);
}

const ROLLBACK = Symbol('rollback');

/** Opens a transaction (a savepoint when nested) and serves commands in it until it ends. */
async function begin(db: PgTx, readOnly: boolean, depth: number): Promise<void> {
  try {
    const config = depth === 0 && readOnly ? { accessMode: 'read only' as const } : undefined;
    await db.transaction(async (tx) => {
      reply({ ok: true });
      if ((await serve(tx, depth + 1)) === 'rollback') throw ROLLBACK;
    }, config);
    reply({ ok: true });
  } catch (error) {
    reply(error === ROLLBACK ? { ok: true } : failure(error));
  }
  if (depth === 0) handles.clear();
}

async function serve(db: PgTx, depth: number): Promise<'commit' | 'rollback' | 'close'> {
  for (;;) {
    const command = await nextCommand();
    switch (command.op) {
      case 'commit':
      case 'rollback':
      case 'close':
        return command.op;
      case 'begin':
        await begin(db, command.readOnly, depth);
        break;
      case 'lock-timeout':
        reply(await exclusive(() => handle.limitLockWaits(command.ms)));
        break;
      case 'try-lock':
        reply(await exclusive(() => passLocks?.tryAcquire(PASS_LOCK_KEYS[command.name]) ?? true));
        break;
      case 'unlock':
        reply(await exclusive(() => passLocks?.release(PASS_LOCK_KEYS[command.name]) ?? true));
        break;
      case 'release':
        handles.delete(command.id);
        reply({ ok: true });
        break;
      default:
        reply(await answer(db, command));
    }
  }
}

async function answer(
  db: PgTx,
  command: Extract<BridgeCommand, { op: 'call' | 'invoke' | 'next-batch' }>,
): Promise<BridgeReply> {
  try {
    if (command.op === 'next-batch') return await nextBatch(command.id, command.max);
    return command.op === 'call'
      ? await call(db, command.repo, command.fn, command.args)
      : await invoke(command.id, command.method, command.args);
  } catch (error) {
    return failure(error);
  }
}

/** Exclusive passes' locks; none when the opener has none (one process: PGlite in tests). */
let passLocks: PassLocks | undefined;

async function exclusive(step: () => Promise<unknown> | boolean): Promise<BridgeReply> {
  try {
    const locked = await step();
    return typeof locked === 'boolean' ? { ok: true, locked } : { ok: true };
  } catch (error) {
    return failure(error);
  }
}

let handle: PgDatabaseHandle;
try {
  const opener = (await import(data.opener.module)) as {
    openBridgeDatabase(arg: string): Promise<PgDatabaseHandle>;
    openBridgePassLocks?(arg: string): PassLocks;
    bridgeRepos?: typeof PG_REPOS;
  };
  handle = await opener.openBridgeDatabase(data.opener.arg);
  passLocks = opener.openBridgePassLocks?.(data.opener.arg);
  repos = { ...PG_REPOS, ...opener.bridgeRepos };
  reply({ ok: true });
} catch (error) {
  reply(failure(error));
  process.exit(0);
}
await serve(handle.db, 0);
await passLocks?.close();
await handle.close();
reply({ ok: true });
data.port.close();
