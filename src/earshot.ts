import type { Hono } from 'hono';
import { chatDeliverHandler, chatFanoutHandlers } from './bot/chat-fanout.js';
import type { TChatSurface } from './bot/chat-surface.js';
import { createSlackApp } from './bot/slack/slack-app.js';
import { createSlackSurface } from './bot/slack/slack-surface.js';
import type { TConnector } from './connectors/connector.js';
import { platformName } from './connectors/text-limits.js';
import { genericWebhookHandler } from './connectors/generic/generic-webhook.js';
import type { TOrgChart } from './config/org-chart-schema.js';
import type { TEnv } from './config/env.js';
import { ingestMention } from './ingest/ingest-mention.js';
import type { TLogger } from './log.js';
import type { TPlatform } from './mention.js';
import { createDispatcher, type TDispatcher } from './outbox/dispatcher.js';
import { platformReplyHandler } from './outbox/handlers/platform-reply.js';
import type { TOutboxHandler } from './outbox/outbox-handler.js';
import { createServer } from './server.js';
import type { TDb } from './store/client.js';
import { triage } from './triage/index.js';
import type { TTriageFn } from './triage/types.js';

export interface TEarshotOptions {
  env: TEnv;
  orgChart: TOrgChart;
  db: TDb;
  log: TLogger;
  now?: () => Date;
  /** Outbound connectors by platform; chat surfaces add their own outbox handlers. */
  connectors?: ReadonlyMap<TPlatform, TConnector>;
  handlers?: readonly TOutboxHandler[];
  triage?: TTriageFn;
}

export interface TEarshot {
  app: Hono;
  dispatcher: TDispatcher;
  /** Settles when Slack handlers still running after their ack have finished (tests, shutdown). */
  slackIdle: () => Promise<void>;
  ingest: (m: import('./mention.js').TMention) => ReturnType<typeof ingestMention>;
}

/** The composition root: wires services to their edges. No module below imports this one. */
export function createEarshot(opts: TEarshotOptions): TEarshot {
  const now = opts.now ?? (() => new Date());
  const deps = { db: opts.db, orgChart: opts.orgChart, triage: opts.triage ?? triage, now };
  // Two processes ingesting the same redelivered webhook can race past the dedupe check; the unique key stops
  // the second insert, and the retry then finds the mention and answers "duplicate".
  const ingest = (m: import('./mention.js').TMention) =>
    retryOnUniqueViolation(() => ingestMention(deps, m));
  const connectors = opts.connectors ?? new Map<TPlatform, TConnector>();
  const surfaces: TChatSurface[] = [];
  let slackEvents: ((c: import('hono').Context) => Promise<Response>) | undefined;
  let slackIdle = async () => {};
  if (opts.env.SLACK_BOT_TOKEN && opts.env.SLACK_SIGNING_SECRET) {
    const cfg = { botToken: opts.env.SLACK_BOT_TOKEN, signingSecret: opts.env.SLACK_SIGNING_SECRET, apiUrl: opts.env.SLACK_API_URL };
    const slack = createSlackApp(cfg, { ...deps, log: opts.log, privateUnsupported: (p) => privateUnsupported(connectors, p) });
    slackEvents = slack.receiver.handle;
    slackIdle = () => slack.receiver.idle();
    surfaces.push(createSlackSurface({ db: opts.db, orgChart: opts.orgChart, client: slack.client, log: opts.log, now }));
  }
  const app = createServer({
    db: opts.db,
    log: opts.log,
    now,
    webhooks: {
      generic: { post: genericWebhookHandler({ secret: opts.env.GENERIC_WEBHOOK_SECRET, log: opts.log, ingest }) },
    },
    ...(slackEvents && { slackEvents }),
  });
  const dispatcher = createDispatcher({
    db: opts.db,
    log: opts.log,
    now,
    pollMs: opts.env.OUTBOX_POLL_MS,
    handlers: [
      platformReplyHandler(opts.db, connectors),
      // Without any chat surface, notices wait in the outbox (visible in /metrics) until one is configured.
      ...(surfaces.length ? [...chatFanoutHandlers(surfaces), chatDeliverHandler(surfaces)] : []),
      ...(opts.handlers ?? []),
    ],
  });
  return { app, dispatcher, ingest, slackIdle };
}

/** What staff are told when they pick a private follow-up the platform (or this install) cannot send. */
function privateUnsupported(connectors: ReadonlyMap<TPlatform, TConnector>, platform: TPlatform): string | null {
  const c = connectors.get(platform);
  if (!c) return `${platformName(platform)} is not connected to Earshot, so no private message can be sent from here; follow up by email or phone.`;
  if (c.sendPrivate) return null;
  return c.privateUnsupported ?? `${platformName(platform)} has no private messages; follow up by email or phone.`;
}

async function retryOnUniqueViolation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return fn();
    throw err;
  }
}

