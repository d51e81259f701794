// The Slack side of the weekly digest (docs/digest.md): open the manager's DM, resolve thread
// links for the pending requests, post the Block Kit digest, and share the chart and the CSV in
// its thread through Slack's external upload flow (filesUploadV2 does the three calls).
import type { webApi } from '@slack/bolt';
import type { DigestFile, DigestNotifier } from '../app/digest-delivery.ts';
import type { Digest } from '../domain/digest.ts';
import { DIGEST_LIST_LINES, digestMessage } from './views/digest-message.ts';

export function slackDigestNotifier(client: webApi.WebClient): DigestNotifier {
  return {
    async postDigest(to: string, digest: Digest) {
      const opened = await client.conversations.open({ users: to });
      const channel = opened.channel?.id;
      if (channel === undefined) throw new Error(`conversations.open gave no channel for ${to}`);
      const links = await threadLinks(client, digest);
      const posted = await client.chat.postMessage({ channel, ...digestMessage(digest, links) });
      return { channel, ts: posted.ts ?? '' };
    },
    async uploadDigestFiles(message, files: readonly DigestFile[]) {
      await client.filesUploadV2({
        channel_id: message.channel,
        thread_ts: message.ts,
        file_uploads: files.map((f) => ({
          file: Buffer.from(f.bytes),
          filename: f.filename,
          title: f.title,
        })),
      });
    },
  };
}

// Only the listed ones are linked (the message shows at most DIGEST_LIST_LINES).
async function threadLinks(client: webApi.WebClient, digest: Digest): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const p of digest.pendingPastSla.slice(0, DIGEST_LIST_LINES)) {
    if (p.thread === null) continue;
    const answer = await client.chat.getPermalink({
      channel: p.thread.channel,
      message_ts: p.thread.ts,
    });
    if (answer.permalink !== undefined) links.set(p.request, answer.permalink);
  }
  return links;
}
