// What a repository does to its arguments, carried across the PostgreSQL bridge
// (docs/decisions/300-postgresql-behind-the-synchronous-store.md). Some SQLite repos report
// through their arguments: a progress callback in an options object, or Maps they fill (the
// versions of the items a preview read). The bridge clones arguments, so the thread records
// those effects and the main thread replays them on the caller's own objects.

/** In place of a function-valued option: the thread calls a recorder instead. */
export interface CallbackMarker {
  readonly bridgeCallback: string;
}

/** Effects since the last reply: callbacks called, Map entries set, per argument. */
export interface BridgeEffects {
  readonly calls: readonly (readonly [arg: number, key: string, args: unknown[]])[];
  readonly sets: readonly (readonly [
    arg: number,
    key: string,
    inner: string,
    entries: [unknown, unknown][],
  ])[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** Main thread: the arguments as they can be sent (callbacks become markers). */
export function sendableArgs(label: string, args: readonly unknown[]): unknown[] {
  return args.map((arg) => {
    if (typeof arg === 'function')
      throw new Error(`${label}: a function cannot be sent to PostgreSQL`);
    if (!isPlainObject(arg)) return arg;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(arg)) {
      copy[key] =
        typeof value === 'function' ? ({ bridgeCallback: key } satisfies CallbackMarker) : value;
    }
    return copy;
  });
}

/** Main thread: replays the thread's effects on the caller's own arguments. */
export function applyEffects(args: readonly unknown[], effects: BridgeEffects | undefined): void {
  if (effects === undefined) return;
  for (const [index, key, callArgs] of effects.calls) {
    const fn = (args[index] as Record<string, unknown>)[key];
    if (typeof fn === 'function') fn(...callArgs);
  }
  for (const [index, key, inner, entries] of effects.sets) {
    const holder = (args[index] as Record<string, Record<string, unknown>>)[key];
    const target = (inner === '' ? holder : holder?.[inner]) as Map<unknown, unknown> | undefined;
    for (const [k, v] of entries) target?.set(k, v);
  }
}

/** Bridge thread: turns markers into recorders and watches the Maps of options objects. */
export class EffectRecorder {
  private calls: [number, string, unknown[]][] = [];
  private readonly maps: [number, string, string, Map<unknown, unknown>][] = [];

  constructor(args: unknown[]) {
    args.forEach((arg, index) => {
      if (!isPlainObject(arg)) return;
      for (const [key, value] of Object.entries(arg)) {
        if (isPlainObject(value) && typeof value.bridgeCallback === 'string') {
          arg[key] = (...callArgs: unknown[]) => this.calls.push([index, key, callArgs]);
        } else if (value instanceof Map) {
          this.maps.push([index, key, '', value]);
        } else if (isPlainObject(value)) {
          for (const [inner, map] of Object.entries(value)) {
            if (map instanceof Map) this.maps.push([index, key, inner, map]);
          }
        }
      }
    });
  }

  /** What happened since the last call; Map entries are handed over once, then forgotten. */
  take(): BridgeEffects | undefined {
    const sets = this.maps
      .filter(([, , , map]) => map.size > 0)
      .map(([index, key, inner, map]) => {
        const entries = [...map.entries()];
        map.clear();
        return [index, key, inner, entries] as [number, string, string, [unknown, unknown][]];
      });
    if (this.calls.length === 0 && sets.length === 0) return undefined;
    const calls = this.calls;
    this.calls = [];
    return { calls, sets };
  }
}
