// Where an ack or a response_url body shows up, as Slack would show it (docs/sandbox.md): an
// ephemeral by default, in the channel when asked, or replacing / deleting the original.
import type { Workspace } from './workspace.ts';

type Json = Record<string, unknown>;

/** Where the interaction happened, so a later response_url post lands in the same place. */
export interface ResponseContext {
  readonly user: string;
  readonly channel: string;
  readonly messageTs?: string;
  readonly threadTs?: string;
  readonly ephemeralId?: string;
}

export function showResponse(workspace: Workspace, context: ResponseContext, body: Json): void {
  const text = typeof body.text === 'string' ? body.text : '';
  const blocks = Array.isArray(body.blocks) ? (body.blocks as Json[]) : [];
  const flag = (value: unknown) => value === true || value === 'true';
  if (flag(body.delete_original)) {
    if (context.ephemeralId !== undefined)
      workspace.dismissEphemeral(context.user, context.ephemeralId);
    else if (context.messageTs !== undefined)
      workspace.deleteMessage(context.channel, context.messageTs);
    return;
  }
  if (flag(body.replace_original)) {
    if (context.ephemeralId !== undefined) {
      workspace.replaceEphemeral(context.ephemeralId, text, blocks);
      return;
    }
    if (context.messageTs !== undefined) {
      workspace.updateMessage(context.channel, context.messageTs, text, blocks);
      return;
    }
  }
  if (body.response_type === 'in_channel') {
    const ts = (Date.now() / 1000).toFixed(6);
    workspace.postMessage({
      channel: context.channel,
      ts,
      user: workspace.botUserId,
      text,
      blocks,
    });
    return;
  }
  workspace.postEphemeral({
    user: context.user,
    channel: context.channel,
    text,
    blocks,
    ...(context.threadTs === undefined ? {} : { threadTs: context.threadTs }),
  });
}
