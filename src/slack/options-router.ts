// Options loads (block_suggestion: a keystroke in a type-ahead) answered by one lookup of their
// action id. Bolt hands every request to every listener's own matching middleware (about forty
// listeners here), which cost about 0.2 ms of the main thread per keystroke; this global
// middleware, added after the request guard, answers a known options load itself and passes
// everything else on to Bolt's listeners (docs/decisions/360-type-ahead-main-thread-cpu.md).
import type { AnyMiddlewareArgs, App, Middleware, SlackOptionsMiddlewareArgs } from '@slack/bolt';

export type OptionsListener = (
  args: SlackOptionsMiddlewareArgs<'block_suggestion'>,
) => Promise<void>;

export interface OptionsRouter {
  /** Answers the options loads of `actionId`; one listener per action id. */
  on(actionId: string, listener: OptionsListener): void;
}

/** Installs the router as the app's next global middleware (after those added before it). */
export function routeOptionsLoads(app: App): OptionsRouter {
  const listeners = new Map<string, OptionsListener>();
  app.use(optionsMiddleware(listeners));
  return {
    on(actionId, listener) {
      if (listeners.has(actionId)) throw new Error(`options listener ${actionId} registered twice`);
      listeners.set(actionId, listener);
    },
  };
}

function optionsMiddleware(
  listeners: ReadonlyMap<string, OptionsListener>,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as { type?: unknown; action_id?: unknown };
    const listener =
      body.type === 'block_suggestion' && typeof body.action_id === 'string'
        ? listeners.get(body.action_id)
        : undefined;
    if (listener === undefined) {
      await args.next();
      return;
    }
    await listener(args as unknown as SlackOptionsMiddlewareArgs<'block_suggestion'>);
  };
}
