// Composition root: the only module that reads the environment. It parses the configuration,
// opens the database, starts Slack in the configured mode (HTTP, Socket Mode, or, without
// credentials, HTTP mode against the local sandbox that plays Slack in a browser, ADR 150) and
// wires the notification outbox (src/jobs) to the Slack notifier (ADR 111).
import type { Logger } from '@slack/bolt';
import { DEMO_PEOPLE, seedDemoPeople } from './app/demo-people.ts';
import { ledgerIsEmpty, seedDemoLedger } from './app/demo-seed.ts';
import { checkHealth } from './app/health.ts';
import { NO_NOTIFICATIONS } from './app/notifier.ts';
import { operationalFigures } from './app/operational-figures.ts';
import { loadPolicy, policyPathFor, recordPolicy } from './app/policy.ts';
import { bootstrapAdmins } from './app/roles.ts';
import { redactDatabaseUrl } from './config/database-url.ts';
import { type Config, ConfigError, describeConfig, parseEnv } from './config/env.ts';
import { describeEnvFile, loadEnvFile } from './config/env-file.ts';
import { ensurePrivateDirFor } from './db/files.ts';
import { DatabasePathError, explainOpenFailure } from './db/open-problems.ts';
import { markBotRunning } from './db/running-bots.ts';
import { openPostgresStore, openStore, type Store } from './db/store.ts';
import { type RunningDigestScheduler, startDigestScheduler } from './jobs/digest-scheduler.ts';
import { type OutboxWorkerDeps, requestNotifications } from './jobs/outbox-worker.ts';
import { type RunningScheduler, startOutboxScheduler } from './jobs/scheduler.ts';
import { type RunningPostAck, startPostAckThread } from './post-ack-thread.ts';
import { type RunningSandbox, startSandbox } from './sandbox/start.ts';
import { slackDigestNotifier } from './slack/digest-notifier.ts';
import { notifierClient, slackNotifier } from './slack/notifier.ts';
import { SlackReachability } from './slack/reachability.ts';
import { SLACK_SETUP_HINT, startSlack } from './slack/start.ts';
import { boltLogger, createPino } from './telemetry/logger.ts';
import { countingFetch, createMetrics, type Metrics } from './telemetry/metrics.ts';

async function main(): Promise<void> {
  const envFile = loadEnvFile(process.cwd(), process.env);
  // JSON lines for a log system; readable lines when a person watches a terminal.
  const logger = boltLogger(createPino({ pretty: process.stdout.isTTY === true }));
  logger.info(`configuration: ${describeEnvFile(envFile)}`);
  const parsed = parseEnv(process.env);
  if (!parsed.ok) throw new ConfigError(parsed.error);
  const config = parsed.value;
  const store = openServedDatabase(config);
  if (config.databaseUrl === undefined) {
    // `writeoff restore` refuses while this marker names a live process (docs/operations.md).
    const releaseMarker = markBotRunning(config.databasePath);
    process.once('exit', releaseMarker);
  }
  prepareLedger(config, store, logger);
  recordPolicyFile(config, store, logger);
  // From here on the event loop serves requests: never sleep on another process's lock (ADR 120).
  store.neverWaitForLocks();
  const now = () => new Date();
  const metrics = createMetrics(() => operationalFigures({ store, now }));
  // Without Slack credentials the sandbox plays Slack on PORT and the bot runs in ordinary HTTP
  // mode against it, on a loopback port of its own (ADR 150).
  const sandbox =
    config.slack.kind === 'none' ? await startLocalSandbox(config, store, logger) : null;
  const slackConfig = sandbox?.botConfig ?? config;
  // One watcher for every WebClient: an outage is logged once, naming the host.
  const reachability = new SlackReachability(slackConfig.slackApiUrl, logger);
  const outbox = outboxDeps(slackConfig, store, logger, reachability, metrics);
  let digests: RunningDigestScheduler | null = null;
  // The post-ack thread loads the same modules again; started once /healthz answers, so start-up
  // does not share the CPU with it. Until it is ready the listeners run here (ADR 201).
  let postAck: RunningPostAck | null = null;
  const running = await startSlack(
    slackConfig,
    {
      store,
      now,
      approvalsChannel: slackConfig.approvalsChannel ?? '',
      logger,
      admins: config.admins,
      notifications: outbox === null ? NO_NOTIFICATIONS : requestNotifications({ ...outbox, now }),
      // The digest timer starts after Slack does; until then the next pass sends it.
      digests: { deliverDue: async () => digests?.runNow() },
      metrics,
      ...(slackConfig.slack.kind !== 'none' && {
        postAck: {
          ready: () => postAck?.ready() ?? false,
          dispatch: (body, request) => postAck?.dispatch(body, request),
        },
      }),
    },
    sandbox === null ? { reachability } : { host: '127.0.0.1', reachability },
  );
  sandbox?.connect(running.port);
  postAck = startPostAck(slackConfig, store, logger, metrics, reachability);
  // The post-ack thread checkpoints the WAL from now on; a commit here no longer does (ADR 280).
  if (postAck !== null) store.leaveCheckpointsToAnotherThread();
  // The outbox is delivered while Slack runs (ADR 051) and stops first, so no pass starts
  // against a stopped app.
  const scheduler: RunningScheduler | null =
    outbox === null ? null : startOutboxScheduler({ ...outbox, now });
  digests = startDigests(slackConfig, store, logger, now);
  logger.info(
    `started: ${describeConfig(config)}; /healthz on port ${sandbox?.port ?? running.port}`,
  );
  if (sandbox !== null) {
    logger.info(`No Slack credentials: try the bot in your browser at ${sandbox.url}`);
    logger.info(`To connect a real Slack workspace instead: ${SLACK_SETUP_HINT}`);
  }
  const shutdown = () => {
    void Promise.all([scheduler?.stop(), digests?.stop()])
      .then(() => running.stop())
      .then(() => postAck?.stop())
      .then(() => sandbox?.stop())
      .finally(() => store.close());
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** A changed policy file becomes a new version at start-up; a broken one stops the start. */
function recordPolicyFile(config: Config, store: Store, logger: Logger): void {
  const loaded = loadPolicy(policyPathFor(config.databasePath, config.policyPath));
  if (!loaded.ok) throw new ConfigError(loaded.error);
  const recorded = recordPolicy({ store, now: () => new Date() }, loaded.value);
  const news = recorded.changed ? ' (a new version, recorded in the audit log)' : '';
  logger.info(`policy ${recorded.version} from ${loaded.value.source}${news}`);
}

/**
 * Opens the PostgreSQL database of DATABASE_URL (migrating it), or else WRITEOFF_DB, creating
 * it (0600, directory 0700) on a first run.
 */
function openServedDatabase(config: Config): Store {
  if (config.databaseUrl !== undefined) return openServedPostgres(config.databaseUrl);
  const path = config.databasePath;
  try {
    ensurePrivateDirFor(path);
    return openStore(path);
  } catch (error) {
    throw explainOpenFailure(path, error);
  }
}

function openServedPostgres(url: string): Store {
  try {
    return openPostgresStore(url);
  } catch (error) {
    // The bridge's message names the server without its password (db/pg/client.ts).
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`DATABASE_URL (${redactDatabaseUrl(url)}): ${reason}`]);
  }
}

/** The outbox worker with the Slack notifier; none without Slack credentials (ADR 020). */
function outboxDeps(
  config: Config,
  store: Store,
  logger: Logger,
  reachability: SlackReachability,
  metrics: Metrics,
): OutboxWorkerDeps | null {
  if (config.slack.kind === 'none') return null;
  const { botToken } = config.slack;
  const sdkLogger = reachability.sdkLogger();
  const client = notifierClient(
    botToken,
    config.slackApiUrl,
    sdkLogger,
    countingFetch(metrics, reachability.fetch as typeof fetch),
  );
  const notifier = slackNotifier(client, config.approvalsChannel ?? '');
  return { store, notifier, logger, admins: config.admins };
}

/**
 * The thread that runs what follows an ack (ADR 201), so the main thread only acknowledges and
 * dispatches; none without a Slack to talk to.
 */
function startPostAck(
  config: Config,
  store: Store,
  logger: Logger,
  metrics: Metrics,
  reachability: SlackReachability,
): RunningPostAck | null {
  const location = store.location();
  if (config.slack.kind === 'none' || location === null) return null;
  return startPostAckThread(
    {
      location,
      botToken: config.slack.botToken,
      slackApiUrl: config.slackApiUrl,
      approvalsChannel: config.approvalsChannel ?? '',
      admins: config.admins,
      pretty: process.stdout.isTTY === true,
    },
    { logger, metrics, reachability },
  );
}

/** Managers' weekly digests (docs/digest.md, ADR 140); none without a Slack to send them to. */
function startDigests(
  config: Config,
  store: Store,
  logger: Logger,
  now: () => Date,
): RunningDigestScheduler | null {
  if (config.slack.kind === 'none') return null;
  const client = notifierClient(config.slack.botToken, config.slackApiUrl, logger);
  return startDigestScheduler({ store, now, notifier: slackDigestNotifier(client), logger });
}

async function startLocalSandbox(
  config: Config,
  store: Store,
  logger: Logger,
): Promise<RunningSandbox> {
  const seeded = seedDemoPeople({ store, now: () => new Date() });
  if (seeded.length > 0) {
    logger.info(`sandbox people granted their demo roles: ${seeded.join(', ')}`);
  }
  return startSandbox({
    config,
    store,
    people: DEMO_PEOPLE,
    isReady: () => checkHealth({ store, now: () => new Date() }).ok,
  });
}

// A first run gets demo data so the product can be tried at once; a real ledger is never touched
// (ADR 090). Admins from WRITEOFF_ADMINS are granted idempotently and audited.
function prepareLedger(config: Config, store: Store, logger: Logger): void {
  const wantsDemo =
    config.demo === 'on' || (config.demo === 'auto' && config.slack.kind === 'none');
  if (wantsDemo && ledgerIsEmpty(store)) {
    const seeded = seedDemoLedger(store, new Date());
    if (!seeded.ok) throw new Error(`demo data failed to import: ${seeded.error[0]?.message}`);
    const s = seeded.value.summary;
    logger.info(
      `demo data: ${s.customers} customers, ${s.invoices.inserted} invoices, dated ${seeded.value.today}`,
    );
  } else if (ledgerIsEmpty(store)) {
    logger.info('the ledger is empty: load A/R data with `npm run writeoff -- import FILE`');
  }
  const granted = bootstrapAdmins({ store, now: () => new Date() }, config.admins);
  if (granted.length > 0) logger.info(`admins granted from WRITEOFF_ADMINS: ${granted.join(', ')}`);
}

main().catch((error: unknown) => {
  // Problems an operator can fix are one sentence each, not a stack trace.
  console.error(describeStartupFailure(error));
  // Exit even if something started before the failure keeps the event loop alive.
  process.exit(1);
});

function describeStartupFailure(error: unknown): unknown {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DatabasePathError) return error.describe('WRITEOFF_DB');
  const e = error as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE') {
    const port = e.port ?? process.env.PORT ?? '';
    return `PORT=${port} is already in use (another writeoff, or another program, is listening there); stop it or set PORT to a free port.`;
  }
  return error;
}
