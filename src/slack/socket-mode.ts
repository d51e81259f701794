// Socket Mode without waiting for Slack. Bolt's `app.start()` serves /healthz and then waits
// for the WebSocket; when Slack cannot be reached it never returned (so "started" was never
// logged while /healthz said ok) or, with retries off, it failed with a stack trace. Here the
// receiver is built with its own reconnecting turned off, /healthz is served at once, and the
// connection is made in the background and made again after each drop, with growing pauses.
// Unreachability itself is logged once per outage by SlackReachability.
import { type App, type Logger, SocketModeReceiver } from '@slack/bolt';

/** Pauses between connection attempts; the last one repeats. */
export const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000] as const;

export function socketModeReceiver(options: {
  readonly appToken: string;
  readonly logger: Logger;
  readonly port: number;
  readonly customRoutes: NonNullable<
    ConstructorParameters<typeof SocketModeReceiver>[0]['customRoutes']
  >;
  readonly clientOptions: NonNullable<
    NonNullable<
      ConstructorParameters<typeof SocketModeReceiver>[0]['installerOptions']
    >['clientOptions']
  >;
}): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    customRoutes: [...options.customRoutes],
    autoReconnectEnabled: false,
    installerOptions: { port: options.port, clientOptions: { ...options.clientOptions } },
  });
}

export interface SocketConnection {
  stop(): Promise<void>;
}

/** Starts `app` on `receiver` and keeps it connected until `stop()`. Never rejects. */
export function keepConnected(
  app: App,
  receiver: SocketModeReceiver,
  logger: Logger,
  delaysMs: readonly number[] = RECONNECT_DELAYS_MS,
): SocketConnection {
  let stopping = false;
  let connected = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let started = false;

  const attempt = async (): Promise<void> => {
    timer = undefined;
    try {
      // The first attempt starts the receiver (its /healthz server too); later ones only the
      // WebSocket client.
      if (started) await receiver.client.start();
      else {
        started = true;
        await app.start();
      }
      if (stopping) return;
      connected = true;
      failures = 0;
      logger.info('connected to Slack (Socket Mode)');
    } catch {
      if (!stopping) retryLater();
    }
  };
  const retryLater = () => {
    const delay = delaysMs[Math.min(failures, delaysMs.length - 1)] ?? 60_000;
    failures += 1;
    timer = setTimeout(() => void attempt(), delay);
  };
  receiver.client.on('disconnected', () => {
    if (stopping || !connected) return;
    connected = false;
    logger.warn('the Socket Mode connection to Slack dropped; connecting again');
    retryLater();
  });
  void attempt();
  return {
    async stop() {
      stopping = true;
      if (timer !== undefined) clearTimeout(timer);
      await app.stop();
    },
  };
}
