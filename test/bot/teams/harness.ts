import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import { loadEnv } from '../../../src/config/env.js';
import type { TOrgChart } from '../../../src/config/org-chart-schema.js';
import type { TConnector } from '../../../src/connectors/connector.js';
import { createEarshot } from '../../../src/earshot.js';
import { createMemoryLogger } from '../../../src/log.js';
import type { TPlatform } from '../../../src/mention.js';
import type { TDb } from '../../../src/store/client.js';
import { manualClock } from '../../helpers/clock.js';
import { createTestDb } from '../../helpers/db.js';
import { mention, type TMentionOverrides } from '../../helpers/mentions.js';
import { exampleOrgChart } from '../../helpers/org-chart.js';
import { recordingPlatform } from '../slack/harness.js';
import { startFakeBotConnector, type TFakeMessage } from './fake-bot-connector.js';

/** Entra ID object ids for the example org chart's people (Teams sends them as from.aadObjectId). */
export const AAD = { priya: 'aad-priya', tom: 'aad-tom', lena: 'aad-lena', sam: 'aad-sam', dev: 'aad-dev', ana: 'aad-ana', stranger: 'aad-stranger' } as const;
export type TUser = keyof typeof AAD;
export const CHANNELS = { socialCare: '19:social-care@thread.tacv2', netOps: '19:network-ops@thread.tacv2' } as const;
export const TENANT = 'tenant-acme';
export const BOT = { id: '28:earshot-bot-id', name: 'Earshot' };

/** The example org chart with Teams ids for everyone and a Teams channel for network-ops. */
export function teamsOrgChart(): TOrgChart {
  const chart = exampleOrgChart();
  for (const t of chart.teams) {
    for (const m of t.members) if (m.id in AAD) m.teamsUserId = AAD[m.id as TUser];
    if (t.id === 'network-ops') t.teams = { conversationId: CHANNELS.netOps };
  }
  return chart;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/**
 * The real Earshot server with Teams on (local mode: the adapter skips JWT validation, as with the Bot
 * Framework Emulator), a fake Bot Connector at the activities' serviceUrl, and helpers that post activities
 * shaped as Teams sends them.
 */
export async function startTeamsHarness(opts: { env?: Record<string, string>; orgChart?: TOrgChart; db?: TDb } = {}) {
  const connector = await startFakeBotConnector();
  // A test may bring its own database (PostgreSQL); SQLite otherwise.
  const { db } = opts.db ? { db: opts.db } : await createTestDb();
  const log = createMemoryLogger();
  const clock = manualClock();
  const platform = recordingPlatform();
  const connectors = new Map<TPlatform, TConnector>([[platform.connector.id, platform.connector]]);
  const env = loadEnv({ TEAMS_LOCAL_MODE: 'true', REPLY_RANKING: 'words', ...opts.env });
  const earshot = createEarshot({ env, orgChart: opts.orgChart ?? teamsOrgChart(), db, log, now: clock.now, connectors });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: earshot.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server)) as Server;
  });
  cleanups.push(async () => {
    await new Promise((r) => server.close(r));
    await connector.close();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function drain(maxRounds = 80): Promise<void> {
    await earshot.teamsIdle();
    for (let i = 0; i < maxRounds; i++) {
      if ((await earshot.dispatcher.runOnce()) > 0) continue;
      const next = await db.outboxItem.findFirst({ where: { status: 'pending' }, orderBy: { nextAttemptAt: 'asc' } });
      if (!next) return;
      // Due but not taken: its destination is at its pace (the claim leaves such items alone), so wait a slot.
      const wait = next.nextAttemptAt.getTime() - clock.now().getTime();
      clock.advance(wait > 0 ? wait + 1 : 1000);
    }
  }

  /** Fields Teams puts on every activity it sends a bot. */
  const activity = (user: TUser, conversationId: string, extra: Record<string, unknown>) => {
    const channel = conversationId.split(';')[0]!;
    const personal = conversationId.startsWith('a:');
    return {
      id: `f:${randomUUID()}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      timestamp: clock.now().toISOString(),
      from: { id: `29:${AAD[user]}`, aadObjectId: AAD[user], name: user },
      recipient: BOT,
      conversation: personal ? { id: conversationId, conversationType: 'personal', tenantId: TENANT } : { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: personal ? { tenant: { id: TENANT } } : { tenant: { id: TENANT }, team: { id: CHANNELS.socialCare }, channel: { id: channel } },
      ...extra,
    };
  };

  /** POSTs one activity to /api/messages, as the Bot Framework channel does. */
  async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await res.text();
    await drain();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
  }

  const invoke = (user: TUser, conversationId: string, name: string, value: unknown, replyToId?: string) =>
    post(activity(user, conversationId, { type: 'invoke', name, value, ...(replyToId && { replyToId }) }));

  async function ingestCase(overrides: TMentionOverrides = {}) {
    const r = await earshot.ingest(mention(overrides));
    await drain();
    const card = connector.messages.find((m) => !m.replyToId && JSON.stringify(m.activity).includes(`"caseId":"${r.caseId}"`));
    return { caseId: r.caseId!, card: card! };
  }

  return {
    db,
    log,
    clock,
    connector,
    platform,
    earshot,
    base,
    drain,
    post,
    activity,
    ingestCase,
    /** Earshot added to a team: Teams sends installationUpdate (and conversationUpdate) to the General channel. */
    install: (conversationId: string = CHANNELS.socialCare, user: TUser = 'priya') =>
      post(activity(user, conversationId, { type: 'installationUpdate', action: 'add' })),
    /** A click on an Action.Execute button: an `adaptiveCard/action` invoke, answered in the HTTP response. */
    execute: (user: TUser, verb: string, data: Record<string, unknown>, card?: TFakeMessage) =>
      invoke(user, card?.channel ?? CHANNELS.socialCare, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, card?.id),
    /** Opening a dialog from an Action.Submit with msteams.type task/fetch. */
    fetchTask: (user: TUser, data: Record<string, unknown>, card?: TFakeMessage) =>
      invoke(user, card?.channel ?? CHANNELS.socialCare, 'task/fetch', { data: { msteams: { type: 'task/fetch' }, ...data }, context: { theme: 'default' } }, card?.id),
    /** Submitting a dialog: the action's data merged with the inputs' values. */
    submitTask: (user: TUser, data: Record<string, unknown>) => invoke(user, CHANNELS.socialCare, 'task/submit', { data, context: { theme: 'default' } }),
    /** `@Earshot <text>` in a channel, a thread, or a 1:1 chat. */
    message: (user: TUser, text: string, conversationId: string = CHANNELS.socialCare) =>
      post(
        activity(user, conversationId, {
          type: 'message',
          text: `<at>Earshot</at> ${text}`,
          textFormat: 'plain',
          entities: [{ type: 'mention', text: '<at>Earshot</at>', mentioned: BOT }],
        }),
      ),
    cardJson: (msg: TFakeMessage) => JSON.stringify(connector.cardOf(msg)),
    threadOf: (card: TFakeMessage) => connector.threadOf(card),
  };
}
export type TTeamsHarness = Awaited<ReturnType<typeof startTeamsHarness>>;

/** The card inside a dialog answer (`task.value.card.content`). */
export const dialogCard = (body: Record<string, any> | null) => body?.task?.value?.card?.content as Record<string, any> | undefined;
