import type { ChangeFeed } from '../change-feed.js';

/** What the sandbox's Slack workspace holds, in memory: the state a Slack client would show. */

export type TBlocks = Record<string, unknown>[];

export interface TSlackMessage {
  channel: string;
  ts: string;
  /** A person's message (composer); bot messages have none. */
  user?: string;
  text: string;
  blocks: TBlocks;
  thread_ts?: string;
  reply_broadcast?: boolean;
  files?: { id: string; title: string; name: string }[];
  /** How often chat.update rewrote it. */
  edits: number;
}

export interface TEphemeral {
  id: string;
  channel: string;
  user: string;
  text: string;
  blocks: TBlocks;
  thread_ts?: string;
  ts: string;
}

export interface TModal {
  id: string;
  hash: string;
  user: string;
  view: Record<string, unknown>;
  /** Messages under fields from `response_action: errors`, by block_id. */
  errors: Record<string, string>;
}

export interface TFile {
  id: string;
  name: string;
  title: string;
  bytes: Buffer | null;
  contentType: string;
}

export interface TChannelInfo {
  id: string;
  name: string;
  /** The org-chart team it belongs to. */
  team: string;
}

/**
 * One sandbox workspace. Every change is announced on the feed the page long-polls; nothing here talks HTTP.
 */
export class SlackWorkspace {
  readonly messages: TSlackMessage[] = [];
  readonly ephemerals: TEphemeral[] = [];
  /** Open modals per user, bottom to top (views.push stacks them). */
  readonly modals = new Map<string, TModal[]>();
  readonly files = new Map<string, TFile>();
  private seq = Math.floor(Date.now() / 1000);
  private sub = 0;

  constructor(
    readonly channels: readonly TChannelInfo[],
    /** Slack user id → display name, for payloads and mentions. */
    readonly users: ReadonlyMap<string, string>,
    private readonly feed: ChangeFeed,
  ) {}

  userName(id: string): string {
    return this.users.get(id) ?? id;
  }

  hasChannel(id: string): boolean {
    return this.channels.some((c) => c.id === id) || id.startsWith('D');
  }

  /** A Slack-shaped `ts`: seconds, a dot, six digits, unique and increasing. */
  nextTs(): string {
    const now = Math.floor(Date.now() / 1000);
    if (now > this.seq) {
      this.seq = now;
      this.sub = 0;
    }
    this.sub += 1;
    return `${this.seq}.${String(this.sub).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    return `${prefix}${this.nextTs().replace('.', '')}`;
  }

  find(channel: string, ts: string): TSlackMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  topModal(user: string): TModal | undefined {
    return this.modals.get(user)?.at(-1);
  }

  modalById(id: string): TModal | undefined {
    for (const stack of this.modals.values()) {
      const m = stack.find((x) => x.id === id);
      if (m) return m;
    }
    return undefined;
  }

  /** The DM channel id Slack would give a user's conversation with the bot. */
  dmOf(user: string): string {
    return `D${user.replace(/^U/, '')}`;
  }

  changed(): void {
    this.feed.changed();
  }
}
