// The bot token scopes the product needs, typed against @slack/web-api's own scope union so a
// misspelt scope fails `tsc`. manifest.yml must list exactly these (test/slack/manifest.test.ts).
import type { webApi } from '@slack/bolt';

type ManifestScopes = NonNullable<
  NonNullable<webApi.AppsManifestCreateArguments['manifest']['oauth_config']>['scopes']
>;
export type BotScope = NonNullable<ManifestScopes['bot']>[number];

/**
 * Why each scope is here (Slack's scope reference); anything not listed is deliberately not
 * requested.
 */
export const EXPECTED_BOT_SCOPES = [
  // Receive `/writeoff`.
  'commands',
  // chat.postMessage (approvals channel, thread replies, DMs), chat.update, chat.postEphemeral,
  // chat.delete. The bot is invited to the approvals channel, so chat:write.public is not needed.
  'chat:write',
  // conversations.open: DM channels for requester outcomes and managers' digests.
  'im:write',
  // users.info: display names and each manager's timezone for the weekly digest.
  'users:read',
  // files.getUploadURLExternal / files.completeUploadExternal: the digest's chart and CSV,
  // and a large request's CSV detail in its approval thread.
  'files:write',
] as const satisfies readonly BotScope[];
