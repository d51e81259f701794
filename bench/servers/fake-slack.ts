// The always-ok Slack Web API stand-in as its own process, so the calls the product makes
// after acknowledging (views.open, views.update) do not run on the load generator's loop.
import { startFakeSlack } from '../lib/net.ts';

const slack = await startFakeSlack();
process.stdout.write(`${slack.url}\n`);
