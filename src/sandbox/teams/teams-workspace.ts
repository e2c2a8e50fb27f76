import type { ChangeFeed } from '../change-feed.js';
import type { TChannelInfo } from '../slack/workspace.js';

/** One message in the sandbox's Teams: what the bot (or a person) posted, and its later updates. */
export interface TTeamsMessage {
  id: string;
  /** The channel or 1:1 chat, without a thread suffix. */
  channel: string;
  /** The thread root this is a reply in, if any. */
  replyToId: string | null;
  activity: Record<string, unknown>;
  /** The Entra id of the person who wrote it; bot messages have none. */
  fromUser?: string;
  updates: number;
}

/** The sandbox's Teams tenant, in memory: channels (one per team), personal chats and their messages. */
export class TeamsWorkspace {
  readonly messages: TTeamsMessage[] = [];
  private seq = Date.now();

  constructor(readonly channels: readonly TChannelInfo[], private readonly feed: ChangeFeed) {}

  nextId(): string {
    return String(++this.seq);
  }

  /** The 1:1 chat id Teams gives a person's conversation with the bot. */
  personalChat(aadId: string): string {
    return `a:sandbox-${aadId}`;
  }

  find(channel: string, id: string): TTeamsMessage | undefined {
    return this.messages.find((m) => m.id === id && m.channel === channel);
  }

  changed(): void {
    this.feed.changed();
  }
}
