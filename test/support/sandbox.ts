// Starts the sandbox and the real bot behind it, wired as src/main.ts wires them without Slack
// credentials: demo ledger and people, the bot in HTTP mode with the sandbox's configuration on
// a loopback port, the notification outbox delivering through the Slack notifier, and the
// digest job.
import { DEMO_PEOPLE, seedDemoPeople } from '../../src/app/demo-people.ts';
import { seedDemoLedger } from '../../src/app/demo-seed.ts';
import { checkHealth } from '../../src/app/health.ts';
import type { Config } from '../../src/config/env.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import { startDigestScheduler } from '../../src/jobs/digest-scheduler.ts';
import { requestNotifications } from '../../src/jobs/outbox-worker.ts';
import { startOutboxScheduler } from '../../src/jobs/scheduler.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start.ts';
import { slackDigestNotifier } from '../../src/slack/digest-notifier.ts';
import { notifierClient, slackNotifier } from '../../src/slack/notifier.ts';
import { startSlack } from '../../src/slack/start.ts';
import { type CapturedLog, capturingLogger } from './slack-app.ts';

export interface SandboxedBot {
  readonly sandbox: RunningSandbox;
  readonly database: Database;
  readonly logs: CapturedLog[];
  /** The demo data's "today" (ISO date). */
  readonly today: string;
  stop(): Promise<void>;
}

export async function startSandboxedBot(): Promise<SandboxedBot> {
  const database = openTestDatabase();
  const now = () => new Date();
  const seeded = seedDemoLedger(sqliteStore(database), now());
  if (!seeded.ok) throw new Error('demo data did not import');
  seedDemoPeople({ store: sqliteStore(database), now });
  const config: Config = {
    slack: { kind: 'none' },
    approvalsChannel: undefined,
    databasePath: ':memory:',
    port: 0,
    slackApiUrl: 'https://slack.com/api/',
    admins: [],
    timezone: undefined,
    demo: 'on',
  };
  const sandbox = await startSandbox({
    config,
    store: sqliteStore(database),
    people: DEMO_PEOPLE,
    isReady: () => checkHealth({ store: sqliteStore(database), now: () => new Date() }).ok,
  });
  const botConfig = sandbox.botConfig;
  if (botConfig.slack.kind !== 'http') throw new Error('the sandbox runs the bot in HTTP mode');
  const logs: CapturedLog[] = [];
  const logger = capturingLogger(logs);
  const client = notifierClient(botConfig.slack.botToken, botConfig.slackApiUrl, logger);
  const notifier = slackNotifier(client, botConfig.approvalsChannel ?? '');
  const outbox = { store: sqliteStore(database), notifier, logger, admins: [] };
  const digests = startDigestScheduler({
    store: sqliteStore(database),
    now,
    notifier: slackDigestNotifier(client),
    logger,
  });
  const bot = await startSlack(
    botConfig,
    {
      store: sqliteStore(database),
      now,
      approvalsChannel: botConfig.approvalsChannel ?? '',
      logger,
      admins: [],
      notifications: requestNotifications({ ...outbox, now }),
      digests: { deliverDue: () => digests.runNow() },
    },
    { host: '127.0.0.1' },
  );
  // Delivered every 200 ms instead of every 15 s, so work submitted outside Slack shows at once.
  const scheduler = startOutboxScheduler({ ...outbox, now }, { intervalMs: 200 });
  sandbox.connect(bot.port);
  return {
    sandbox,
    database,
    logs,
    today: seeded.value.today,
    async stop() {
      await scheduler.stop();
      await digests.stop();
      await bot.stop();
      await sandbox.stop();
      database.close();
    },
  };
}
