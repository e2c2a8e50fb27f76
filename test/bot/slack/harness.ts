import { serve } from '@hono/node-server';
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { loadEnv } from '../../../src/config/env.js';
import type { TConnector } from '../../../src/connectors/connector.js';
import { createEarshot, type TEarshotOptions } from '../../../src/earshot.js';
import { createMemoryLogger } from '../../../src/log.js';
import type { TPlatform } from '../../../src/mention.js';
import type { TDb } from '../../../src/store/client.js';
import { manualClock } from '../../helpers/clock.js';
import { createTestDb } from '../../helpers/db.js';
import { mention, type TMentionOverrides } from '../../helpers/mentions.js';
import { exampleOrgChart } from '../../helpers/org-chart.js';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, startFakeSlack } from './fake-slack-api.js';
import { startFakeSocketMode, type TEnvelopeType } from './fake-socket-mode.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99aaafff85a5';

/** Slack user ids from config/org-chart.example.yaml. */
export const USERS = { priya: 'U07PRIYA01', tom: 'U07TOM0001', lena: 'U07LENA001', sam: 'U07SAM0001', dev: 'U07DEV0001', ana: 'U07ANA0001', stranger: 'U0STRANGER' } as const;
export const SOCIAL_CHANNEL = 'C07SOCIAL01';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/**
 * A stand-in for a social platform's reply API (it lives outside this machine): records what would be posted,
 * and can refuse like a platform does.
 */
export function recordingPlatform(id: TPlatform = 'x') {
  const sent: { inReplyTo: string; text: string; private: boolean }[] = [];
  let refuse: Error | null = null;
  const connector: TConnector = {
    id,
    rateLimit: { perSecond: 50, burst: 50 },
    async reply(target, text) {
      if (refuse) throw refuse;
      sent.push({ inReplyTo: target.inReplyTo, text, private: false });
      return { externalId: `r${sent.length}`, url: `https://x.com/acmebroadband/status/r${sent.length}` };
    },
    async sendPrivate(target, text) {
      sent.push({ inReplyTo: target.inReplyTo, text, private: true });
      return { externalId: `dm${sent.length}` };
    },
  };
  return { connector, sent, refuseWith: (e: Error | null) => (refuse = e) };
}

/**
 * The real Earshot server with Slack enabled, a fake Slack Web API, and helpers that send correctly signed
 * Slack requests the way Slack does (JSON events, form-encoded interactivity payloads and slash commands).
 */
export type TSlackTransportName = 'http' | 'socket';

export async function startSlackHarness(opts: { connectors?: TConnector[]; transport?: TSlackTransportName; env?: Record<string, string>; llmFetch?: typeof fetch; tier2?: TEarshotOptions['tier2']; channelRate?: { perSecond: number; burst: number }; realClock?: boolean; db?: TDb } = {}) {
  const transport = opts.transport ?? 'http';
  const socket = transport === 'socket' ? await startFakeSocketMode() : undefined;
  // channelRate: Slack's per-channel posting limit, on the wall clock (so with it, use realClock and the dispatcher's own poll).
  const slack = await startFakeSlack({ ...(socket && { socket }), ...(opts.channelRate && { channelRate: opts.channelRate }) });
  // A PostgreSQL test hands in its own database (createPgTestDb); SQLite otherwise.
  const db = opts.db ?? (await createTestDb()).db;
  const log = createMemoryLogger();
  const clock = opts.realClock ? { now: () => new Date(), advance: (_ms: number) => {}, set: (_iso: string) => {} } : manualClock();
  const platform = recordingPlatform();
  const connectors = new Map<TPlatform, TConnector>((opts.connectors ?? [platform.connector]).map((c) => [c.id, c]));
  // Ranking by words spares each test file the sentence encoder's load; test/replies/ ranks with the encoder.
  const slackVars = socket ? { SLACK_APP_TOKEN: FAKE_APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET };
  const env = loadEnv({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, ...slackVars, SLACK_API_URL: slack.apiUrl, REPLY_RANKING: 'words', ...opts.env });
  const earshot = createEarshot({ env, orgChart: exampleOrgChart(), db, log, now: clock.now, connectors, slackReconnectDelayMs: 1500, ...(opts.llmFetch && { llmFetch: opts.llmFetch }), ...(opts.tier2 && { tier2: opts.tier2 }) });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: earshot.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server)) as Server;
  });
  if (socket) await earshot.slackSocket!.start();
  cleanups.push(async () => {
    await earshot.slackSocket?.stop();
    // Every Socket Mode test also proves the app kept to the protocol (acks by envelope_id, payloads only where allowed).
    if (socket?.violations.length) throw new Error(`Socket Mode protocol violations: ${socket.violations.join('; ')}`);
    await new Promise((r) => server.close(r));
    await slack.close();
    await socket?.close();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Signs like Slack: v0=HMAC-SHA256(secret, "v0:{ts}:{body}"). */
  const signed = (body: string, contentType: string, headers: Record<string, string> = {}) => {
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    const sig = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': sig, ...headers },
      body,
    });
  };

  /**
   * One delivery from Slack, the way the chosen transport carries it: signed HTTP (JSON events, `payload=` forms,
   * slash-command forms), or a Socket Mode envelope whose ack comes back as the equivalent HTTP answer.
   */
  const deliver = async (kind: TEnvelopeType, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> => {
    if (!socket) {
      if (kind === 'events_api') return signed(JSON.stringify(body), 'application/json', headers);
      const form = kind === 'interactive' ? new URLSearchParams({ payload: JSON.stringify(body) }) : new URLSearchParams(body as Record<string, string>);
      return signed(form.toString(), 'application/x-www-form-urlencoded', headers);
    }
    const retry = headers['x-slack-retry-num'];
    const ack = await socket.deliver(kind, body, retry ? { retryAttempt: Number(retry), retryReason: headers['x-slack-retry-reason'] ?? '' } : {});
    const payload = ack.payload && Object.keys(ack.payload).length ? JSON.stringify(ack.payload) : null;
    return new Response(payload, { status: 200, headers: payload ? { 'content-type': 'application/json' } : {} });
  };

  /** Runs the outbox until nothing is due, moving the clock past rate-limit waits and backoffs. */
  async function drain(maxRounds = 50): Promise<void> {
    await earshot.slackIdle();
    for (let i = 0; i < maxRounds; i++) {
      if ((await earshot.dispatcher.runOnce()) > 0) continue;
      const next = await db.outboxItem.findFirst({ where: { status: 'pending' }, orderBy: { nextAttemptAt: 'asc' } });
      if (!next) return;
      // Due but not taken: its destination is at its pace (the claim leaves such items alone), so wait a slot.
      const wait = next.nextAttemptAt.getTime() - clock.now().getTime();
      clock.advance(wait > 0 ? wait + 1 : 1000);
    }
  }

  async function ingestCase(overrides: TMentionOverrides = {}) {
    const r = await earshot.ingest(mention(overrides));
    await drain();
    const card = slack.messages.find((m) => !m.thread_ts && m.blocks.some((b) => String(b.block_id).startsWith(`case:${r.caseId}:`)));
    return { caseId: r.caseId!, card: card! };
  }

  /** Fields Slack puts on every interaction payload. */
  const interaction = (type: string, user: string) => ({
    type,
    user: { id: user, username: user, name: user, team_id: 'T0EARSHOT' },
    api_app_id: 'A0EARSHOT',
    token: 'legacy-verification-token',
    team: { id: 'T0EARSHOT', domain: 'acme' },
    trigger_id: slack.trigger(),
  });
  const block = (user: string, actionId: string, value: string, extra: Record<string, unknown> = {}) => ({
    ...interaction('block_actions', user),
    response_url: slack.responseUrl(),
    actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
    ...extra,
  });

  return {
    db,
    log,
    clock,
    slack,
    platform,
    earshot,
    base,
    drain,
    ingestCase,
    signed,
    socket,
    transport,
    /** Slack's Events API delivery (JSON). */
    event: (body: Record<string, unknown>, headers?: Record<string, string>) => deliver('events_api', body, headers),
    /** A button click on a message, as Slack posts it (form field `payload`). */
    async click(user: string, actionId: string, value: string, message?: { channel: string; ts: string; thread_ts?: string }) {
      const payload = block(user, actionId, value, message ? { channel: { id: message.channel }, message: { ts: message.ts, ...(message.thread_ts && { thread_ts: message.thread_ts }), type: 'message' }, container: { type: 'message', channel_id: message.channel, message_ts: message.ts } } : {});
      const res = await deliver('interactive', payload);
      await drain();
      return res;
    },
    /** An overflow-menu choice on a card. */
    async choose(user: string, option: string, message: { channel: string; ts: string }) {
      const payload = block(user, 'case.menu', '', { channel: { id: message.channel }, message: { ts: message.ts, type: 'message' } });
      payload.actions = [{ type: 'overflow', action_id: 'case.menu', block_id: 'b', selected_option: { value: option }, action_ts: '1' } as never];
      const res = await deliver('interactive', payload);
      await drain();
      return res;
    },
    /** An action inside an open modal (saved-reply select, typing in a dispatch input). */
    async viewAction(user: string, viewId: string, action: Record<string, unknown>, values: Record<string, Record<string, unknown>>) {
      const v = slack.views.find((x) => x.id === viewId)!;
      const payload = { ...block(user, String(action.action_id), ''), actions: [action], container: { type: 'view', view_id: viewId }, view: { id: viewId, hash: v.hash, ...v.view, state: { values } } };
      const res = await deliver('interactive', payload);
      await drain();
      return res;
    },
    /** Submitting a modal: `values` as Slack's view.state.values. */
    async submit(user: string, viewId: string, values: Record<string, Record<string, unknown>>) {
      const v = slack.views.find((x) => x.id === viewId)!;
      const payload = {
        ...interaction('view_submission', user),
        view: { id: viewId, hash: v.hash, team_id: 'T0EARSHOT', type: 'modal', ...v.view, state: { values } },
      };
      const res = await deliver('interactive', payload);
      const body = await res.text();
      await drain();
      return { status: res.status, body: body ? (JSON.parse(body) as Record<string, any>) : null };
    },
    /** A slash command, as Slack posts it (plain form fields). */
    async command(user: string, text: string) {
      const form = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: 'T0EARSHOT',
        team_domain: 'acme',
        channel_id: SOCIAL_CHANNEL,
        channel_name: 'social-care',
        user_id: user,
        user_name: user,
        command: '/social',
        text,
        api_app_id: 'A0EARSHOT',
        response_url: slack.responseUrl(`cmd-${slack.responses.length}`),
        trigger_id: slack.trigger(),
      });
      const res = await deliver('slash_commands', Object.fromEntries(form));
      const body = await res.text();
      await drain();
      return { status: res.status, body: body ? (JSON.parse(body) as Record<string, any>) : null };
    },
    lastView: () => slack.views.at(-1)!,
    threadOf: (card: { ts: string }) => slack.messages.filter((m) => m.thread_ts === card.ts),
    cardText: (card: { blocks: Record<string, unknown>[] }) => JSON.stringify(card.blocks),
  };
}

export const text = (value: string) => ({ type: 'plain_text_input', value });
export const selected = (value: string) => ({ type: 'static_select', selected_option: { value } });
