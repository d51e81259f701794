// The sandbox's Slack workspace (docs/sandbox.md): people, channels with threads, DMs,
// ephemeral messages, each person's modal stack and App Home. The fake Web API and the answers
// to the sandbox's signed requests change it; the browser reads snapshots of it. Text and blocks
// are stored exactly as the bot sent them; the page renders them safely.

type Json = Record<string, unknown>;

export interface SandboxPerson {
  readonly id: string;
  readonly name: string;
  readonly title: string;
}

export interface SandboxChannel {
  readonly id: string;
  readonly name: string;
}

export interface SandboxMessage {
  readonly ts: string;
  readonly channel: string;
  /** The poster: a person's id, or the bot's user id. */
  readonly user: string;
  text: string;
  blocks: Json[];
  edited: boolean;
  readonly threadTs?: string;
  readonly replies: SandboxMessage[];
  /** Files shared with the message. */
  readonly files: SharedFile[];
}

export interface SharedFile {
  readonly id: string;
  readonly title: string;
  /** The uploaded file's name; its extension decides how the page shows it. */
  readonly filename: string;
}

export interface SandboxEphemeral {
  readonly id: string;
  readonly user: string;
  readonly channel: string;
  readonly threadTs?: string;
  text: string;
  blocks: Json[];
}

export interface OpenView {
  readonly viewId: string;
  view: Json;
  /** Changes with every update; `views.update` with an older hash fails (`hash_conflict`). */
  hash: string;
  /** `response_action: errors` of the last submission, by block id. */
  errors: Record<string, string>;
}

export interface WorkspaceSnapshot {
  readonly version: number;
  readonly botUserId: string;
  readonly people: readonly SandboxPerson[];
  readonly channels: readonly SandboxChannel[];
  readonly approvalsChannel: string;
  /** Channel id → top-level messages, oldest first; DMs only for the viewer. */
  readonly messages: Record<string, SandboxMessage[]>;
  readonly ephemerals: SandboxEphemeral[];
  readonly modals: OpenView[];
  readonly home: OpenView | null;
}

/** Slack answers a message to a user id in the bot's DM with them; one `D…` id per person. */
export function dmChannelOf(userId: string): string {
  return `D${userId.replace(/^[UW]/, '')}`;
}

export class Workspace {
  version = 0;
  readonly people: readonly SandboxPerson[];
  readonly channels: readonly SandboxChannel[];
  readonly approvalsChannel: string;
  readonly botUserId: string;
  private readonly messages = new Map<string, SandboxMessage[]>();
  private ephemerals: SandboxEphemeral[] = [];
  private readonly modals = new Map<string, OpenView[]>();
  private readonly homes = new Map<string, OpenView>();
  private ephemeralCounter = 0;
  private readonly listeners = new Set<() => void>();

  constructor(input: {
    readonly people: readonly SandboxPerson[];
    readonly channels: readonly SandboxChannel[];
    readonly approvalsChannel: string;
    readonly botUserId: string;
  }) {
    this.people = input.people;
    this.channels = input.channels;
    this.approvalsChannel = input.approvalsChannel;
    this.botUserId = input.botUserId;
  }

  /** Called after every change (the page long-polls on it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves a `U…` channel (a DM by user id) to the DM's `D…` id, as Slack does. */
  channelId(channel: string): string {
    return /^[UW]/.test(channel) ? dmChannelOf(channel) : channel;
  }

  postMessage(input: {
    readonly channel: string;
    readonly ts: string;
    readonly user: string;
    readonly text: string;
    readonly blocks: Json[];
    readonly threadTs?: string | undefined;
    readonly files?: SharedFile[];
  }): void {
    const channel = this.channelId(input.channel);
    const message: SandboxMessage = {
      ts: input.ts,
      channel,
      user: input.user,
      text: input.text,
      blocks: input.blocks,
      edited: false,
      replies: [],
      files: input.files ?? [],
      ...(input.threadTs === undefined ? {} : { threadTs: input.threadTs }),
    };
    const list = this.messages.get(channel) ?? [];
    const parent =
      input.threadTs === undefined ? undefined : list.find((m) => m.ts === input.threadTs);
    if (parent === undefined) list.push(message);
    else parent.replies.push(message);
    this.messages.set(channel, list);
    this.changed();
  }

  findMessage(channel: string, ts: string): SandboxMessage | undefined {
    for (const message of this.messages.get(this.channelId(channel)) ?? []) {
      if (message.ts === ts) return message;
      const reply = message.replies.find((r) => r.ts === ts);
      if (reply !== undefined) return reply;
    }
    return undefined;
  }

  updateMessage(channel: string, ts: string, text: string, blocks: Json[]): boolean {
    const message = this.findMessage(channel, ts);
    if (message === undefined) return false;
    message.text = text;
    message.blocks = blocks;
    message.edited = true;
    this.changed();
    return true;
  }

  deleteMessage(channel: string, ts: string): boolean {
    const id = this.channelId(channel);
    const list = this.messages.get(id) ?? [];
    const kept = list.filter((m) => m.ts !== ts);
    for (const m of kept) {
      const index = m.replies.findIndex((r) => r.ts === ts);
      if (index >= 0) m.replies.splice(index, 1);
    }
    this.messages.set(id, kept);
    this.changed();
    return true;
  }

  postEphemeral(input: Omit<SandboxEphemeral, 'id' | 'channel'> & { channel: string }): string {
    const id = `E${++this.ephemeralCounter}`;
    this.ephemerals.push({ ...input, id, channel: this.channelId(input.channel) });
    this.changed();
    return id;
  }

  replaceEphemeral(id: string, text: string, blocks: Json[]): void {
    const found = this.ephemerals.find((e) => e.id === id);
    if (found === undefined) return;
    found.text = text;
    found.blocks = blocks;
    this.changed();
  }

  dismissEphemeral(userId: string, id: string): void {
    this.ephemerals = this.ephemerals.filter((e) => !(e.id === id && e.user === userId));
    this.changed();
  }

  // ---- views ------------------------------------------------------------------------------

  openModal(userId: string, viewId: string, view: Json, hash: string): void {
    this.modals.set(userId, [{ viewId, view, hash, errors: {} }]);
    this.changed();
  }

  pushModal(userId: string, viewId: string, view: Json, hash: string): void {
    const stack = this.modals.get(userId) ?? [];
    if (stack.length >= 3) return; // Slack keeps at most three views on a stack.
    stack.push({ viewId, view, hash, errors: {} });
    this.modals.set(userId, stack);
    this.changed();
  }

  /** The open modal view or Home tab with this view id (or external id). */
  viewByRef(ref: { viewId?: string; externalId?: string }): OpenView | undefined {
    const match = (open: OpenView) =>
      (ref.viewId !== undefined && open.viewId === ref.viewId) ||
      (ref.externalId !== undefined && open.view.external_id === ref.externalId);
    return [...[...this.modals.values()].flat(), ...this.homes.values()].find(match);
  }

  /** Replaces an open view's content; its hash changes, as in Slack. */
  replaceView(open: OpenView, view: Json, hash: string): void {
    open.view = view;
    open.hash = hash;
    open.errors = {};
    this.changed();
  }

  topModal(userId: string): OpenView | undefined {
    return this.modals.get(userId)?.at(-1);
  }

  findView(userId: string, viewId: string): OpenView | undefined {
    const home = this.homes.get(userId);
    if (home?.viewId === viewId) return home;
    return this.modals.get(userId)?.find((v) => v.viewId === viewId);
  }

  /** Closes the top view (`clear` closes the whole stack). */
  closeModal(userId: string, all = false): void {
    const stack = this.modals.get(userId) ?? [];
    if (all) stack.length = 0;
    else stack.pop();
    this.modals.set(userId, stack);
    this.changed();
  }

  showErrors(userId: string, errors: Record<string, string>): void {
    const top = this.topModal(userId);
    if (top === undefined) return;
    top.errors = errors;
    this.changed();
  }

  publishHome(userId: string, viewId: string, view: Json, hash: string): void {
    const id = this.homes.get(userId)?.viewId ?? viewId;
    this.homes.set(userId, { viewId: id, view, hash, errors: {} });
    this.changed();
  }

  homeOf(userId: string): OpenView | undefined {
    return this.homes.get(userId);
  }

  /** What `userId` sees: shared channels, their own DM, their ephemerals, modals and Home. */
  snapshot(userId: string): WorkspaceSnapshot {
    const visible = [...this.channels.map((c) => c.id), dmChannelOf(userId)];
    const messages: Record<string, SandboxMessage[]> = {};
    for (const id of visible) messages[id] = this.messages.get(id) ?? [];
    return {
      version: this.version,
      botUserId: this.botUserId,
      people: this.people,
      channels: this.channels,
      approvalsChannel: this.approvalsChannel,
      messages,
      ephemerals: this.ephemerals.filter((e) => e.user === userId),
      modals: this.modals.get(userId) ?? [],
      home: this.homes.get(userId) ?? null,
    };
  }
}
