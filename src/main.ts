// Composition root: the only module that reads the environment. It parses the configuration,
// opens the database, and starts Slack in the configured mode (HTTP, Socket Mode, or none).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, describeConfig, parseEnv } from './config/env.ts';
import { openDatabase } from './db/client.ts';
import { consoleLogger, SLACK_SETUP_HINT, startSlack } from './slack/app.ts';

async function main(): Promise<void> {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) throw new ConfigError(parsed.error);
  const config = parsed.value;
  const logger = consoleLogger();
  mkdirSync(dirname(config.databasePath), { recursive: true });
  const database = openDatabase(config.databasePath);
  const running = await startSlack(config, {
    database,
    now: () => new Date(),
    approvalsChannel: config.approvalsChannel ?? '',
    logger,
    admins: config.admins,
  });
  logger.info(`started: ${describeConfig(config)}; /healthz on port ${running.port}`);
  if (running.mode === 'none') logger.info(`No Slack credentials. ${SLACK_SETUP_HINT}`);
  const shutdown = () => {
    void running.stop().finally(() => database.close());
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // Configuration problems are for operators: print the list, not a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
