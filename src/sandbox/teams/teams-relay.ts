import { randomUUID } from 'node:crypto';
import { answerError, RelayError } from '../slack/slack-relay.js';
import type { TeamsWorkspace, TTeamsMessage } from './teams-workspace.js';

export interface TTeamsRelayOptions {
  /** Earshot's `/api/messages`. */
  messagesUrl: () => string;
  /** The serviceUrl put on every activity: this sandbox's Bot Connector. */
  serviceUrl: () => string;
  /** Sent as `x-earshot-sandbox-key`; in sandbox mode it stands in for the Bot Framework JWT (see sandbox.ts). */
  key: string;
  now: () => number;
  /** Display names by Entra id. */
  names: ReadonlyMap<string, string>;
}

export const SANDBOX_KEY_HEADER = 'x-earshot-sandbox-key';
export const SANDBOX_TENANT = 'sandbox-tenant';
const BOT = { id: '28:earshot-sandbox-bot', name: 'Earshot' };

/** What a dialog step answered: another card to show, a message to show, or nothing (close). */
export type TDialogStep = { kind: 'card'; title: string; card: unknown } | { kind: 'message'; text: string } | { kind: 'close' };

/**
 * The half of Teams that talks to the bot: builds the Bot Framework activities Teams sends (installationUpdate,
 * messages with an @mention, `adaptiveCard/action`, `task/fetch`, `task/submit` invokes), POSTs them to
 * `/api/messages`, and applies the invoke answers as Teams does (a returned card replaces the clicked one).
 */
export class TeamsRelay {
  constructor(private readonly ws: TeamsWorkspace, private readonly opts: TTeamsRelayOptions) {}

  /**
   * Earshot added to every team channel, so the surface learns where to post (and this serviceUrl). After a restart
   * the channels already have it: Teams then only says the bot is a member (conversationUpdate), which refreshes the
   * stored serviceUrl without a second welcome.
   */
  async installEverywhere(installerAad: string, again: boolean): Promise<void> {
    for (const c of this.ws.channels) {
      const activity = again ? { type: 'conversationUpdate', membersAdded: [BOT] } : { type: 'installationUpdate', action: 'add' };
      await this.post(this.activity(installerAad, c.id, activity));
    }
  }

  /** A click on an Action.Execute button. */
  async execute(user: string, messageId: string, channel: string, verb: string, data: Record<string, unknown>): Promise<TDialogStep> {
    const msg = this.message(channel, messageId);
    const res = await this.invoke(user, this.conversationOf(msg), 'adaptiveCard/action', { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, msg.id);
    const value = res?.value as Record<string, unknown> | undefined;
    if (res?.type === 'application/vnd.microsoft.card.adaptive' && value) {
      // Teams swaps the clicked card for the returned one; the outbox refreshes it for everyone else.
      const attachments = [{ contentType: 'application/vnd.microsoft.card.adaptive', content: value }];
      msg.activity = { ...msg.activity, attachments };
      msg.updates += 1;
      this.ws.changed();
      return { kind: 'close' };
    }
    if (res?.type === 'application/vnd.microsoft.activity.message') return { kind: 'message', text: String(res.value ?? '') };
    return { kind: 'close' };
  }

  /** An Action.Submit with `msteams.type: task/fetch`: opens a dialog. */
  async fetchTask(user: string, messageId: string, channel: string, data: Record<string, unknown>): Promise<TDialogStep> {
    const msg = this.message(channel, messageId);
    const res = await this.invoke(user, this.conversationOf(msg), 'task/fetch', { data: { msteams: { type: 'task/fetch' }, ...data }, context: { theme: 'default' } }, msg.id);
    return dialogStep(res);
  }

  /** Submitting a dialog: the action's data merged with the inputs' values, as Teams sends it. */
  async submitTask(user: string, channel: string, data: Record<string, unknown>): Promise<TDialogStep> {
    const res = await this.invoke(user, channel, 'task/submit', { data, context: { theme: 'default' } });
    return dialogStep(res);
  }

  /** `@Earshot <text>` typed in a channel or in a card's thread. */
  async say(user: string, channel: string, text: string, threadRoot?: string): Promise<void> {
    const id = this.ws.nextId();
    const root = threadRoot && this.ws.find(channel, threadRoot) ? threadRoot : null;
    const activity = {
      type: 'message',
      text: `<at>Earshot</at> ${text}`,
      textFormat: 'plain',
      entities: [{ type: 'mention', text: '<at>Earshot</at>', mentioned: BOT }],
    };
    this.ws.messages.push({ id, channel, replyToId: root, activity: { ...activity, text }, fromUser: user, updates: 0 });
    this.ws.changed();
    await this.post(this.activity(user, root ? `${channel};messageid=${root}` : channel, { ...activity, id }));
  }

  private message(channel: string, id: string): TTeamsMessage {
    const msg = this.ws.find(channel, id);
    if (!msg) throw new RelayError('message_not_found', 'That card is gone.');
    return msg;
  }

  private conversationOf(msg: TTeamsMessage): string {
    return msg.replyToId ? `${msg.channel};messageid=${msg.replyToId}` : msg.channel;
  }

  private activity(user: string, conversationId: string, extra: Record<string, unknown>) {
    const channel = conversationId.split(';')[0]!;
    const personal = conversationId.startsWith('a:');
    return {
      id: `f:${randomUUID()}`,
      channelId: 'msteams',
      serviceUrl: this.opts.serviceUrl(),
      timestamp: new Date(this.opts.now()).toISOString(),
      locale: 'en-GB',
      from: { id: `29:${user}`, aadObjectId: user, name: this.opts.names.get(user) ?? user },
      recipient: BOT,
      conversation: personal ? { id: conversationId, conversationType: 'personal', tenantId: SANDBOX_TENANT } : { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: SANDBOX_TENANT },
      channelData: personal ? { tenant: { id: SANDBOX_TENANT } } : { tenant: { id: SANDBOX_TENANT }, team: { id: this.ws.channels[0]?.id ?? channel }, channel: { id: channel } },
      ...extra,
    };
  }

  private async invoke(user: string, conversationId: string, name: string, value: unknown, replyToId?: string): Promise<Record<string, unknown> | null> {
    return this.post(this.activity(user, conversationId, { type: 'invoke', name, value, ...(replyToId && { replyToId }) }));
  }

  private async post(activity: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    const res = await fetch(this.opts.messagesUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SANDBOX_KEY_HEADER]: this.opts.key },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw answerError('bot_error', res, text);
    if (!text) return null;
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return null;
    }
  }
}

function dialogStep(res: Record<string, unknown> | null): TDialogStep {
  const task = res?.task as { type?: string; value?: Record<string, unknown> | string } | undefined;
  if (task?.type === 'continue' && task.value && typeof task.value === 'object') {
    const card = (task.value.card as { content?: unknown } | undefined)?.content;
    return { kind: 'card', title: String(task.value.title ?? ''), card };
  }
  if (task?.type === 'message') return { kind: 'message', text: String(task.value ?? '') };
  return { kind: 'close' };
}
