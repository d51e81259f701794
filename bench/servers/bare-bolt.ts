// Baseline for bench 1: a bare Bolt app (same Bolt version, same HTTP receiver) whose
// `/writeoff` handler only acknowledges and whose options loads answer empty at once. Started with the same environment as the product.
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? '',
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? '' },
  logLevel: LogLevel.ERROR,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      },
    },
  ],
});
app.command('/writeoff', async ({ ack }) => {
  await ack();
});
// Bench 2's baseline: an options load answered with nothing, at once.
app.options(/.*/, async ({ ack }) => {
  await ack({ options: [] });
});
await app.start({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
