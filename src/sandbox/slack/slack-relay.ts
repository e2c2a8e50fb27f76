import { createHmac } from 'node:crypto';
import type { TriggerBook } from './triggers.js';
import type { SlackWorkspace, TBlocks, TModal } from './workspace.js';

export interface TRelayOptions {
  /** Where Earshot's `/slack/events` is, e.g. http://127.0.0.1:3000/slack/events. */
  eventsUrl: () => string;
  /** Where this sandbox's Slack routes are (response_url, uploads), e.g. http://127.0.0.1:3000/sandbox/slack. */
  slackBase: () => string;
  signingSecret: string;
  triggers: TriggerBook;
  now: () => number;
  fetch?: typeof fetch;
}

export type TStateValues = Record<string, Record<string, Record<string, unknown>>>;

/** What the person did on a message: a button, an overflow choice or a select in a message. */
export interface TMessageAction {
  user: string;
  channel: string;
  ts: string;
  /** Set when the click was on an ephemeral message (which has no ts of its own at Slack). */
  ephemeralId?: string;
  action: Record<string, unknown>;
}

type TResponseTarget = { user: string; channel: string; threadTs?: string; ephemeralId?: string; messageTs?: string; uses: number; expires: number };

const TEAM = { id: 'T0SANDBOX', domain: 'earshot-sandbox' };
const APP_ID = 'A0EARSHOT';

/**
 * The half of Slack that talks to the app: turns what a person does in the sandbox page into the requests Slack's
 * servers send — form-encoded `payload` for interactivity, slash-command forms, Events API JSON — signed with the
 * signing secret and POSTed to Earshot's `/slack/events`, then applies Slack's rules to the answer (ephemeral
 * slash-command replies, `response_action` on modal submissions, `response_url` posts).
 */
export class SlackRelay {
  private readonly responses = new Map<string, TResponseTarget>();
  private seq = 0;

  constructor(private readonly ws: SlackWorkspace, private readonly opts: TRelayOptions) {}

  /** A click on a message's button, overflow menu or select. */
  async messageAction(a: TMessageAction): Promise<void> {
    const eph = a.ephemeralId ? this.ws.ephemerals.find((e) => e.id === a.ephemeralId && e.user === a.user) : undefined;
    const msg = eph ? undefined : this.ws.find(a.channel, a.ts);
    if (!eph && !msg) throw new RelayError('message_not_found', 'That message is gone.');
    const threadTs = eph?.thread_ts ?? msg?.thread_ts;
    const responseUrl = this.responseUrl({ user: a.user, channel: a.channel, ...(threadTs && { threadTs }), ...(eph ? { ephemeralId: eph.id } : { messageTs: a.ts }) });
    const payload = {
      ...this.interaction('block_actions', a.user),
      container: { type: 'message', message_ts: eph?.ts ?? a.ts, channel_id: a.channel, is_ephemeral: !!eph },
      channel: { id: a.channel, name: this.channelName(a.channel) },
      message: { type: 'message', ts: eph?.ts ?? a.ts, text: eph?.text ?? msg?.text ?? '', blocks: eph?.blocks ?? msg?.blocks ?? [], ...(threadTs && { thread_ts: threadTs }), ...(msg && !msg.user && { bot_id: 'B0EARSHOT' }) },
      state: { values: {} },
      response_url: responseUrl,
      actions: [{ ...a.action, action_ts: this.actionTs() }],
    };
    await this.interactivity(payload);
  }

  /** An action inside an open modal: a dispatching input, a select with dispatch_action. */
  async viewAction(user: string, viewId: string, action: Record<string, unknown>, values: TStateValues): Promise<void> {
    const modal = this.ownModal(user, viewId);
    const payload = {
      ...this.interaction('block_actions', user),
      container: { type: 'view', view_id: viewId },
      view: this.viewPayload(modal, values),
      actions: [{ ...action, action_ts: this.actionTs() }],
    };
    await this.interactivity(payload);
  }

  /** Submit on a modal; Slack closes, updates, pushes or shows errors as the app's answer says. */
  async submitView(user: string, viewId: string, values: TStateValues): Promise<void> {
    const modal = this.ownModal(user, viewId);
    const payload = { ...this.interaction('view_submission', user), view: this.viewPayload(modal, values), response_urls: [] };
    const res = await this.interactivity(payload);
    const answer = res && typeof res === 'object' ? (res as Record<string, unknown>) : {};
    const stack = this.ws.modals.get(user) ?? [];
    switch (answer.response_action) {
      case 'errors':
        modal.errors = Object.fromEntries(Object.entries((answer.errors as Record<string, string>) ?? {}).map(([k, v]) => [k, String(v)]));
        break;
      case 'update':
        Object.assign(modal, { view: answer.view as Record<string, unknown>, hash: this.ws.nextId('h'), errors: {} });
        break;
      case 'push':
        stack.push({ id: this.ws.nextId('V'), hash: this.ws.nextId('h'), user, view: answer.view as Record<string, unknown>, errors: {} });
        break;
      case 'clear':
        stack.length = 0;
        break;
      default:
        stack.splice(stack.indexOf(modal), 1);
    }
    this.ws.changed();
  }

  /** Cancel (or ×) on a modal: Slack closes it; Earshot asks for no view_closed events. */
  closeView(user: string, viewId: string): void {
    const stack = this.ws.modals.get(user) ?? [];
    const i = stack.findIndex((m) => m.id === viewId);
    if (i >= 0) stack.splice(i, 1);
    this.ws.changed();
  }

  /** A slash command typed in the composer; the ack's body is the person's ephemeral answer. */
  async slashCommand(user: string, channel: string, command: string, text: string): Promise<void> {
    const target: Omit<TResponseTarget, 'uses' | 'expires'> = { user, channel };
    const responseUrl = this.responseUrl(target);
    const id = responseUrl.split('/').pop()!;
    const form = new URLSearchParams({
      token: 'sandbox-verification-token',
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: channel,
      channel_name: this.channelName(channel),
      user_id: user,
      user_name: this.ws.userName(user),
      command,
      text,
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: this.opts.triggers.issue(user),
    });
    const answer = await this.deliver(form.toString(), 'application/x-www-form-urlencoded');
    if (answer === undefined) return;
    const body = typeof answer === 'string' ? { text: answer } : (answer as Record<string, unknown>);
    this.respond(id, body);
  }

  /** A message typed in a channel or a thread: stored, then delivered as a `message` event. */
  async postMessage(user: string, channel: string, text: string, threadTs?: string): Promise<string> {
    if (!this.ws.hasChannel(channel)) throw new RelayError('channel_not_found', 'No such channel.');
    if (threadTs && !this.ws.find(channel, threadTs)) throw new RelayError('thread_not_found', 'No such thread.');
    const ts = this.ws.nextTs();
    this.ws.messages.push({ channel, ts, user, text, blocks: [], ...(threadTs && { thread_ts: threadTs }), edits: 0 });
    this.ws.changed();
    const now = Math.floor(this.opts.now() / 1000);
    await this.deliver(
      JSON.stringify({
        token: 'sandbox-verification-token',
        team_id: TEAM.id,
        api_app_id: APP_ID,
        type: 'event_callback',
        event_id: `Ev${ts.replace('.', '')}`,
        event_time: now,
        authorizations: [{ team_id: TEAM.id, user_id: 'U0EARSHOT', is_bot: true, is_enterprise_install: false }],
        event: { type: 'message', channel, user, text, ts, event_ts: ts, channel_type: channel.startsWith('D') ? 'im' : 'channel', ...(threadTs && { thread_ts: threadTs }) },
      }),
      'application/json',
    );
    return ts;
  }

  /** A post to a response_url: at most five within 30 minutes, as at Slack. */
  respond(id: string, body: Record<string, unknown>): boolean {
    const t = this.responses.get(id);
    if (!t || t.expires < this.opts.now() || t.uses >= 5) return false;
    t.uses += 1;
    const blocks = Array.isArray(body.blocks) ? (body.blocks as TBlocks) : [];
    const text = String(body.text ?? '');
    if (body.delete_original === true) {
      this.removeOriginal(t);
    } else if (body.response_type === 'in_channel') {
      this.ws.messages.push({ channel: t.channel, ts: this.ws.nextTs(), text, blocks, ...(t.threadTs && { thread_ts: t.threadTs }), edits: 0 });
    } else if (body.replace_original === true && this.replaceOriginal(t, text, blocks)) {
      // replaced in place
    } else {
      const eph = { id: this.ws.nextId('E'), channel: t.channel, user: t.user, text, blocks, ts: this.ws.nextTs(), ...(t.threadTs && { thread_ts: t.threadTs }) };
      this.ws.ephemerals.push(eph);
      // A slash command's later replace_original replaces this answer.
      if (!t.messageTs) t.ephemeralId = eph.id;
    }
    this.ws.changed();
    return true;
  }

  private replaceOriginal(t: TResponseTarget, text: string, blocks: TBlocks): boolean {
    const eph = t.ephemeralId ? this.ws.ephemerals.find((e) => e.id === t.ephemeralId) : undefined;
    if (eph) return Object.assign(eph, { text, blocks }) !== undefined;
    const msg = t.messageTs ? this.ws.find(t.channel, t.messageTs) : undefined;
    if (msg) return Object.assign(msg, { text, blocks, edits: msg.edits + 1 }) !== undefined;
    return false;
  }

  private removeOriginal(t: TResponseTarget): void {
    const i = this.ws.ephemerals.findIndex((e) => e.id === t.ephemeralId);
    if (i >= 0) this.ws.ephemerals.splice(i, 1);
  }

  private ownModal(user: string, viewId: string): TModal {
    const modal = this.ws.modalById(viewId);
    if (!modal || modal.user !== user) throw new RelayError('not_found', 'That dialog is no longer open.');
    return modal;
  }

  private viewPayload(modal: TModal, values: TStateValues) {
    const v = modal.view;
    return {
      id: modal.id,
      team_id: TEAM.id,
      type: 'modal',
      callback_id: v.callback_id ?? '',
      private_metadata: v.private_metadata ?? '',
      title: v.title,
      blocks: v.blocks ?? [],
      ...(v.submit ? { submit: v.submit } : {}),
      ...(v.close ? { close: v.close } : {}),
      state: { values },
      hash: modal.hash,
      app_id: APP_ID,
      bot_id: 'B0EARSHOT',
      root_view_id: this.ws.modals.get(modal.user)?.[0]?.id ?? modal.id,
      previous_view_id: null,
    };
  }

  private interaction(type: string, user: string) {
    return {
      type,
      user: { id: user, username: this.ws.userName(user), name: this.ws.userName(user), team_id: TEAM.id },
      api_app_id: APP_ID,
      token: 'sandbox-verification-token',
      team: TEAM,
      enterprise: null,
      is_enterprise_install: false,
      trigger_id: this.opts.triggers.issue(user),
    };
  }

  private async interactivity(payload: Record<string, unknown>): Promise<unknown> {
    return this.deliver(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  }

  /** Signs like Slack (v0=HMAC-SHA256 of "v0:{ts}:{body}") and returns the parsed answer body, if any. */
  private async deliver(body: string, contentType: string): Promise<unknown> {
    const ts = String(Math.floor(this.opts.now() / 1000));
    const signature = `v0=${createHmac('sha256', this.opts.signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
    const res = await (this.opts.fetch ?? fetch)(this.opts.eventsUrl(), {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
      body,
      signal: AbortSignal.timeout(3000),
    });
    const text = await res.text();
    if (!res.ok) throw answerError('app_error', res, text);
    if (!text) return undefined;
    if (!res.headers.get('content-type')?.includes('json')) return text;
    return JSON.parse(text) as unknown;
  }

  private responseUrl(t: Omit<TResponseTarget, 'uses' | 'expires'>): string {
    const id = `R${++this.seq}${Math.random().toString(36).slice(2, 10)}`;
    this.responses.set(id, { ...t, uses: 0, expires: this.opts.now() + 30 * 60_000 });
    return `${this.opts.slackBase()}/response/${id}`;
  }

  private actionTs(): string {
    return (this.opts.now() / 1000).toFixed(6);
  }

  private channelName(id: string): string {
    return this.ws.channels.find((c) => c.id === id)?.name ?? 'directmessage';
  }
}

/** A person's action the sandbox cannot relay; the page shows the message. */
export class RelayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Set when Earshot answered 503 (its database is down): the page is told when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The RelayError for a non-2xx answer from Earshot, keeping a 503's Retry-After. */
export function answerError(code: string, res: Response, text: string): RelayError {
  const retry = res.status === 503 ? Number(res.headers.get('retry-after')) || 5 : undefined;
  return new RelayError(code, `Earshot answered ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`, retry);
}
