// Whether Slack answers at all. When the network or Slack is down, every Web API call fails
// and the SDK logs a bare `http request failed fetch failed` per call, without saying where.
// Every WebClient of the product fetches through one SlackReachability instead, which says
// once per outage where Slack could not be reached and why, and once that it answers again.
// The post-ack thread's clients have one of their own, which tells the main thread's instead of
// logging: a process says an outage once, whichever thread met it first.
import type { Logger, webApi } from '@slack/bolt';

/** What one thread's clients found changed: Slack stopped answering (and why), or answers again. */
export type ReachabilityChange =
  | { readonly down: true; readonly cause: string }
  | { readonly down: false };

// The SDK's own per-call lines, said instead by `SlackReachability` once per outage.
const PER_CALL_FAILURES = [/^http request failed/, /^Failed to retrieve a new WSS URL/];

export class SlackReachability {
  /** `slack.com`, or `127.0.0.1:3999` for a local API: what an operator checks. */
  readonly where: string;
  private down = false;

  constructor(
    slackApiUrl: string,
    private readonly logger: Logger,
    private readonly baseFetch: webApi.FetchFunction = globalThis.fetch,
    /** Set in the post-ack thread: changes go to the main thread's instance, which says them. */
    private readonly tell?: (change: ReachabilityChange) => void,
  ) {
    this.where = new URL(slackApiUrl).host;
  }

  get isDown(): boolean {
    return this.down;
  }

  /** The `fetch` every WebClient uses (clientOptions.fetch). */
  readonly fetch: webApi.FetchFunction = async (url, init) => {
    try {
      const response = await this.baseFetch(url, init);
      this.reached();
      return response;
    } catch (error) {
      // No answer at all, or none within the call's timeout: either way Slack is out of reach.
      this.failed(error);
      throw error;
    }
  };

  /**
   * The logger handed to the Slack SDK: its per-call failure lines are dropped while Slack is
   * unreachable, because this object has already said so, naming the host.
   */
  sdkLogger(): Logger {
    const logger = this.logger;
    const quiet =
      (level: 'warn' | 'error') =>
      (...messages: unknown[]) => {
        const first = messages[0];
        const perCall = typeof first === 'string' && PER_CALL_FAILURES.some((p) => p.test(first));
        if (!(perCall && this.down)) logger[level](...messages);
      };
    return {
      debug: (...m) => logger.debug(...m),
      info: (...m) => logger.info(...m),
      warn: quiet('warn'),
      error: quiet('error'),
      setLevel: (level) => logger.setLevel(level),
      getLevel: () => logger.getLevel(),
      setName: (name) => logger.setName(name),
    };
  }

  /** A change the post-ack thread's clients found, said here unless this thread said it already. */
  heard(change: ReachabilityChange): void {
    if (change.down === this.down) return;
    this.down = change.down;
    if (change.down) this.sayDown(change.cause);
    else this.sayUp();
  }

  private failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const cause = causeOf(error);
    if (this.tell) this.tell({ down: true, cause });
    else this.sayDown(cause);
  }

  private reached(): void {
    if (!this.down) return;
    this.down = false;
    if (this.tell) this.tell({ down: false });
    else this.sayUp();
  }

  private sayDown(cause: string): void {
    this.logger.warn(
      `Slack is unreachable at ${this.where} (${cause}); calls to Slack fail until it answers again (said once per outage)`,
    );
  }

  private sayUp(): void {
    this.logger.info(`Slack answers again at ${this.where}`);
  }
}

/** `connect ECONNREFUSED 127.0.0.1:3999` rather than fetch's own "fetch failed". */
function causeOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code)
      ? `${cause.message}, ${code}`
      : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}
